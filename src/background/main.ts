// The background entry (Chromium service worker, Firefox event page). Only listener registration
// lives here and nothing awaits before it: after a restart the browser delivers events only to
// listeners registered in the first synchronous run.
import { createAccountApi } from '../core/account-api';
import { createPlatform } from '../platform';
import { createController } from './controller';
import { backgroundPlatform } from './platform';
import { isRequestMessage } from '../shared/messages';

declare const __ACCOUNT_SERVICE_URL__: string;
declare const __E2E__: boolean;

const platform = backgroundPlatform(createPlatform());
const controller = createController({
  platform,
  accountApi: (baseUrl, onRequest) => createAccountApi({ baseUrl, onRequest, fetch: (...args) => fetch(...args) }),
  defaultAccountUrl: __ACCOUNT_SERVICE_URL__,
  fetch: (...args) => fetch(...args),
});

platform.proxy.listen(() => controller.currentProxyMode());
platform.auth.onChallenge((challenge) => controller.answerProxyChallenge(challenge));
platform.messaging.onRequest(async (message) =>
  isRequestMessage(message) ? controller.onMessage(message) : undefined,
);
platform.proxy.onControlChange(controller.onProxyControlChange);
platform.privacy.onChange(controller.onPrivacyChange);
platform.traffic.onProxyFailure(controller.onProxyFailure);
platform.action.onTabChanged(controller.onTabChanged);
platform.traffic.onPageLoaded((url, statusCode) => void controller.onPageLoaded(url, statusCode));
platform.runtime.onUpdateAvailable(controller.onUpdateAvailable);
platform.runtime.onAlarm(controller.onAlarm);
platform.runtime.onCommand((name) => void controller.onCommand(name));
platform.menus.onClicked((click) => void controller.onMenuClicked(click));
platform.runtime.onInstalled(() => void controller.onInstalled());
platform.runtime.onStartup(() => undefined); // its presence makes the browser wake us at start-up
void controller.start();

// Test builds only (dropped from release builds at compile time): see scripts/build.mjs.
if (__E2E__) platform.runtime.onInstalled(() => platform.runtime.openPage('popup/popup.html?e2e'));
// Headless browsers cannot open a context menu or press a shortcut: the e2e tests call what the
// click or the command calls, with the data the browser would pass (test/e2e/menus-and-shortcuts.e2e.ts;
// test/unit/release-bundles.test.ts keeps it out of release builds).
if (__E2E__) {
  Object.assign(globalThis, { zoneE2E: { menuClicked: controller.onMenuClicked, command: controller.onCommand } });
}
