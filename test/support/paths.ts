import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM_BUILD = `${ROOT}dist/chromium`;
export const CHROMIUM_E2E_BUILD = `${ROOT}dist/chromium-e2e`;
export const FIREFOX_E2E_BUILD = `${ROOT}dist/firefox-e2e`;
export const ARTIFACTS = `${ROOT}artifacts`;
