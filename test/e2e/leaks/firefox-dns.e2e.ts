/**
 * DNS leaks in Firefox ESR (threats T5, T10; oracles O1, O2, O9): Firefox's resolver log names each
 * name it resolves, so every protocol's proxied name can be checked on its own. One browser for the
 * file, launched with the resolver log on (test/support/oracles/resolver-log.ts: MOZ_LOG, and the
 * prefetch prefs back on, which can only make the oracle stricter). The scenario first sees the leak
 * on a bypassed host, then counts it on proxied hosts. Link hints, WebSocket, storage and errors run
 * in Chromium and Firefox ESR alike: hints.e2e.ts; Chromium's resolver: routing.chromium.e2e.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backgroundLifecycle, type BackgroundLifecycle } from '../../support/background-lifecycle';
import { recordLeak } from '../../support/leak-report';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import type { ResolverLog } from '../../support/oracles/resolver-log';
import { startTestProvider, type TestProvider } from '../../support/provider';
import { launchZoneBrowser, type ZoneBrowser } from '../../support/zone-browser';
import { requirePositive, sleep } from './harness';

const REGION = 'de-fra';
const BYPASSED = 'bank.test'; // and its subdomains
let provider: TestProvider;
let origin: LeakOrigin;
let b: ZoneBrowser;
let dns: ResolverLog;
let life: BackgroundLifecycle;

beforeAll(async () => {
  [provider, origin, b] = await Promise.all([
    startTestProvider(),
    startLeakOrigin(),
    launchZoneBrowser('firefox', { resolverLog: true }),
  ]);
  dns = b.resolverLog!;
  life = backgroundLifecycle(b);
  await b.useAccountService(provider.accountUrl);
  await b.logIn();
  await b.ui.ask('addBypass', { pattern: BYPASSED });
  await b.ui.ask('connect', { regionId: REGION });
  await life.checkpoint();
});

// The background may be unloaded between scenarios (idle timeout): collect and re-arm each time.
afterEach(() => life.checkpoint());

afterAll(async () => {
  await b?.close();
  await Promise.all([provider?.close(), origin?.close()]);
});

describe('Firefox leak suite: DNS', () => {
  it('DNS (O2): a bypassed name is resolved locally; proxied names over HTTP, HTTPS, WS and WSS are not', async ({
    task,
  }) => {
    let mark = dns.mark();
    const control = await b.load(origin.url('http', `dns.${BYPASSED}`));
    const seen = control === '127.0.0.1' && dns.resolved([`dns.${BYPASSED}`], origin, mark) > 0;
    recordLeak(task, { browser: 'firefox', positiveControl: seen });
    requirePositive(seen, `a local resolution of a bypassed name (load: ${control})`);
    mark = dns.mark();
    const t0 = Date.now();
    const hosts = {
      http: 'dns-http.leak.test',
      https: 'dns-https.leak.test',
      ws: 'dns-ws.leak.test',
      wss: 'dns-wss.leak.test',
    };
    const outcome = {
      http: await b.load(origin.url('http', hosts.http)),
      https: await b.load(origin.url('https', hosts.https)),
      ws: await b.wsProbe(origin.url('ws', hosts.ws)),
      wss: await b.wsProbe(origin.url('wss', hosts.wss)),
    };
    await sleep(300);
    const resolved = Object.values(hosts).filter((h) => dns.resolved([h], origin, mark) > 0);
    recordLeak(task, {
      browser: 'firefox',
      directConnections: resolved.length + origin.directConnections(t0).length,
      note: `locally resolved: ${resolved.join(',') || 'none'}`,
    });
    expect(outcome).toEqual({ http: '127.0.0.2', https: '127.0.0.2', ws: '127.0.0.2', wss: '127.0.0.2' });
    expect(resolved).toEqual([]);
    expect(origin.directConnections(t0)).toEqual([]);
  });

  it('no uncaught error, unhandled rejection or console error in the background or our tab (O9)', async ({ task }) => {
    const { found, control, seen } = await life.errorsWithControl();
    recordLeak(task, { browser: 'firefox', positiveControl: seen, note: `control saw ${control.length}` });
    requirePositive(seen, `an uncaught error and a rejection thrown in the background (${control.join('; ')})`);
    recordLeak(task, { browser: 'firefox', directConnections: found.length });
    expect(found).toEqual([]);
  });
});
