// F12 (AdGuard resolves its API through dns.google / doh.pub / quad9 DoH, fallbackApi.ts:30; Proton
// ships Sentry and telemetry): the extension may talk to the account service and its proxies only.
// Every URL literal in the shipped sources (and in the built bundles, when a build exists) must be
// the configured account origin, a loopback address, an XML namespace or a template; and nothing
// but the account-service client may open a network channel.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const URL_LITERAL = /\b(?:https?|wss?):\/\/[^\s'"`)<>\\]*/g;
// Not destinations: loopback (the build's default account service is local), XML namespaces, and
// the pieces of URLs the code builds from the user's own input or documents in comments.
const ALLOWED = [
  /^https?:\/\/127\.0\.0\.1(?::18100)?\/?$/,
  /^http:\/\/www\.w3\.org\/(?:1998\/Math\/MathML|1999\/xhtml|2000\/svg|1999\/xlink|XML\/1998\/namespace)$/,
  /^https?:\/\/(?:\$\{|\[|host:port\/path$|Example\.com\/a$)/,
  /^https?:\/\/$/,
  // Match patterns for every http(s) page or link (the context menu's), not destinations.
  /^https?:\/\/\*\/\*$/,
];
const CHANNELS = /\b(?:fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon|RTCPeerConnection)\s*\(/;

function files(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && keep(e.name))
    .map((e) => join(e.parentPath, e.name));
}
const shipped = (name: string) => /\.(?:ts|tsx|html)$/.test(name) && !/\.test\.|^fake-|\.d\.ts$/.test(name);

export function strangers(text: string): string[] {
  return [...text.matchAll(URL_LITERAL)].map((m) => m[0]).filter((url) => !ALLOWED.some((a) => a.test(url)));
}

describe('anchor F12: no third parties', () => {
  it('positive control: the scan sees a DoH fallback and a crash reporter', () => {
    expect(
      strangers('const DOH = "https://dns.google/resolve"; init({ dsn: `https://k@o1.ingest.sentry.io/1` })'),
    ).toEqual(['https://dns.google/resolve', 'https://k@o1.ingest.sentry.io/1']);
  });

  it('the shipped sources name no other destination', () => {
    const found = files(join(ROOT, 'src'), shipped).flatMap((f) =>
      strangers(readFileSync(f, 'utf8')).map((u) => `${f}: ${u}`),
    );
    expect(found).toEqual([]);
  });

  it('only the account-service client, the connection check and the entry that hands them fetch open network channels', () => {
    const users = files(join(ROOT, 'src'), shipped)
      .filter((f) => CHANNELS.test(readFileSync(f, 'utf8')))
      .map((f) => f.slice(ROOT.length + 1));
    expect(users.sort()).toEqual(['src/background/main.ts', 'src/core/account-api.ts', 'src/core/connection-check.ts']);
  });

  const built = ['chromium', 'firefox'].map((b) => join(ROOT, 'dist', b)).filter((d) => existsSync(d));
  // The unit run comes before the build in `npm test`; a later run (or CI's second pass) scans them.
  it.runIf(built.length > 0)('the built bundles name no other destination', () => {
    const found = built
      .flatMap((dir) => files(dir, (n) => /\.(?:js|html|json)$/.test(n)))
      .flatMap((f) => strangers(readFileSync(f, 'utf8')).map((u) => `${f}: ${u}`));
    expect(found).toEqual([]);
  });
});
