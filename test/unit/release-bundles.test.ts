/**
 * Release builds carry no test code: what `__E2E__` guards in src/background/main.ts (the tab the
 * test build opens at install, the context-menu click hook) is dropped at compile time. Checked
 * on the bundles when a build exists (`npm test` builds before its unit run); the test build, when
 * present, is the positive control that the markers are the right ones.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const MARKERS = ['zoneE2E', 'popup.html?e2e'];
const background = (dir: string) => join(ROOT, 'dist', dir, 'background.js');
const release = ['chromium', 'firefox'].filter((b) => existsSync(background(b)));
const testBuilds = ['chromium-e2e', 'firefox-e2e'].filter((b) => existsSync(background(b)));

describe('release bundles carry no test hooks', () => {
  it.runIf(release.length > 0)('the release backgrounds name no test hook', () => {
    const found = release.flatMap((b) =>
      MARKERS.filter((m) => readFileSync(background(b), 'utf8').includes(m)).map((m) => `${b}: ${m}`),
    );
    expect(found).toEqual([]);
  });

  it.runIf(testBuilds.length > 0)('positive control: the test builds have them', () => {
    for (const b of testBuilds) {
      const text = readFileSync(background(b), 'utf8');
      expect(
        MARKERS.filter((m) => !text.includes(m)),
        b,
      ).toEqual([]);
    }
  });
});
