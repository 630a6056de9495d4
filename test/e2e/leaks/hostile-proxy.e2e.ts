/**
 * Hostile proxy behaviour (threats T49, T9, O6), in Chromium and Firefox ESR: a region whose server
 * answers 502, closes mid-answer, presents a certificate the browser does not trust, or challenges
 * with Digest or NTLM. Loads over HTTP, HTTPS and WebSocket must fail with nothing direct, the
 * popup must not claim a healthy connection, and no challenger may receive credentials. The regions
 * list proxies the provider does not run (as a self-hoster lists a Squid), and neither browser is
 * told to accept untrusted certificates (no --ignore-certificate-errors, no acceptInsecureCerts):
 * the untrusted proxy must stay untrusted. The broken-PAC case (T6) is Chromium's alone:
 * routing.chromium.e2e.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Region } from '../../../src/shared/provider-types';
import { recordLeak } from '../../support/leak-report';
import {
  oracleSeesCredentials,
  startHostileProxy,
  type HostileMode,
  type HostileProxy,
} from '../../support/oracles/hostile-proxy';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import { startSquidAccountService, type SquidAccountService } from '../../support/squid';
import { BROWSERS, launchZoneBrowser, type BrowserName, type ZoneBrowser } from '../../support/zone-browser';
import { requirePositive, waitUntil } from './harness';

const HOSTILE_MODES: readonly HostileMode[] = ['badGateway', 'closeMidStream', 'untrustedTls', 'digest', 'ntlm'];

const regionOf = (mode: HostileMode) => `h-${mode.toLowerCase()}`;

/** One region per hostile mode, each with that one proxy as its only server. */
function hostileRegions(proxies: Record<HostileMode, HostileProxy>): Region[] {
  return HOSTILE_MODES.map((mode) => ({
    id: regionOf(mode),
    name: `Hostile ${mode}`,
    country: 'NL',
    city: 'Loopback',
    servers: [{ id: `${regionOf(mode)}-1`, host: '127.0.0.1', port: proxies[mode].port, scheme: proxies[mode].scheme }],
  }));
}

/** A load's outcome that names a source address: the page (or socket) got through. */
const isAddress = (outcome: string) => /^127\.0\.0\.\d+$/.test(outcome);

/** The gist of a load's outcome for the report: the browser's error name, the status, or the address. */
const gist = (outcome: string) =>
  /ERR_\w+|NS_ERROR_\w+|SEC_ERROR_\w+|HTTP \d+|[Tt]imeout|127\.0\.0\.\d+/.exec(outcome)?.[0] ?? outcome.slice(0, 20);

type PopupVerdict = 'error shown' | 'healthy' | 'unclear';

/**
 * The popup's verdict as a user reads it: "error shown" when the status line is not a healthy
 * Connected but Reconnecting… / Connection failed, with a hint or an alert that says why.
 */
function popupVerdict(seen: { status: string; alert: string }): PopupVerdict {
  const status = seen.status.replace(/^\P{L}+/u, ''); // the region's flag comes first
  if (status.startsWith('Connected')) return 'healthy';
  if (/^(Reconnecting|Connection failed)/.test(status) && (seen.alert || /dropped|cannot|failed/.test(status)))
    return 'error shown';
  return 'unclear';
}

/**
 * What the popup must say after the loads. Known limits (T9), pinned so that a change is noticed:
 * - closeMidStream: a proxy that accepts and then closes mid-answer gives the same browser errors
 *   (ERR_CONNECTION_CLOSED, NS_ERROR_NET_RESET) as a site doing so; the popup stays on Connected.
 * - untrustedTls in Firefox: webRequest reports the proxy's bad certificate with the same
 *   localized sentence as a site's ("The certificate is not trusted because it is self-signed."),
 *   not an NS_ERROR_PROXY_ code, so the background does not blame the proxy.
 */
function expectedPopup(browser: BrowserName, mode: HostileMode): PopupVerdict {
  if (mode === 'closeMidStream') return 'healthy';
  if (mode === 'untrustedTls' && browser === 'firefox') return 'healthy';
  return 'error shown';
}

const BYPASSED = 'direct.bank.test';

describe.each(BROWSERS)('%s leak suite: hostile proxy', (name) => {
  let origin: LeakOrigin;
  let account: SquidAccountService;
  let b: ZoneBrowser;
  const proxies = {} as Record<HostileMode, HostileProxy>;

  beforeAll(async () => {
    origin = await startLeakOrigin();
    for (const mode of HOSTILE_MODES) proxies[mode] = await startHostileProxy(mode);
    account = await startSquidAccountService({ regions: hostileRegions(proxies) });
    b = await launchZoneBrowser(name, { leak: false });
    await b.useAccountService(account.accountUrl);
    await b.logIn();
    await b.ui.ask('addBypass', { pattern: BYPASSED });
  });

  afterAll(async () => {
    await b?.close();
    await Promise.all([origin?.close(), account?.close(), ...Object.values(proxies).map((p) => p.close())]);
  });

  /** HTTPS and WS first, plain HTTP last: a 502 page must not count as "the proxy works again". */
  async function loads(host: string): Promise<Record<'https' | 'ws' | 'http', string>> {
    return {
      https: await b.load(origin.url('https', host), 10_000),
      ws: await b.wsProbe(origin.url('ws', host)),
      http: await b.load(origin.url('http', host), 10_000),
    };
  }

  /** What a user sees in the popup: the status line and any alert. */
  async function popupSays(): Promise<{ status: string; alert: string }> {
    await b.ui.open('popup');
    const [status = ''] = await b.ui.texts('[role=status]');
    return { status, alert: (await b.ui.texts('[role=alert]')).join(' ') };
  }

  for (const mode of HOSTILE_MODES) {
    it(`${mode}: HTTP, HTTPS, WS fail, nothing direct, no credentials, popup ${expectedPopup(name, mode)}`, async ({
      task,
    }) => {
      const proxy = proxies[mode];
      await b.ui.ask('connect', { regionId: regionOf(mode) });

      const t0 = Date.now();
      const control = {
        http: await b.load(origin.url('http', BYPASSED)),
        https: await b.load(origin.url('https', BYPASSED), 5_000), // untrusted origin: the TCP hit counts
        ws: await b.wsProbe(origin.url('ws', BYPASSED)),
      };
      const directSeen =
        control.http === '127.0.0.1' && control.ws === '127.0.0.1' && origin.directConnections(t0, 'https').length > 0;
      const oracleSees = await oracleSeesCredentials(proxy);
      recordLeak(task, { browser: name, positiveControl: directSeen && oracleSees });
      requirePositive(directSeen, `direct HTTP, HTTPS and WS on a bypassed host (${JSON.stringify(control)})`);
      requirePositive(oracleSees, 'a Proxy-Authorization sent to the hostile proxy');

      const credentialsBefore = proxy.credentials.length;
      const tried = proxy.connections();
      const t1 = Date.now();
      const outcomes = await loads(`${mode.toLowerCase()}.hostile.test`);
      const direct = origin.directConnections(t1).length;
      const received = proxy.credentials.slice(credentialsBefore);
      let seen = await popupSays();
      // The status follows the browser's error events: give it time to arrive, then judge.
      await waitUntil(async () => popupVerdict((seen = await popupSays())) === expectedPopup(name, mode), 10_000).catch(
        () => undefined,
      );
      recordLeak(task, {
        browser: name,
        directConnections: direct,
        note: `popup ${popupVerdict(seen)}, ${received.length} creds; ${Object.values(outcomes).map(gist).join(' ')}`,
      });
      expect(direct).toBe(0);
      expect(Object.values(outcomes).filter(isAddress)).toEqual([]);
      expect(proxy.connections(), 'the browser tried the hostile proxy').toBeGreaterThan(tried);
      expect(received).toEqual([]);
      expect({ verdict: popupVerdict(seen), ...seen }, 'what the popup tells the user').toMatchObject({
        verdict: expectedPopup(name, mode),
      });
    });
  }
});
