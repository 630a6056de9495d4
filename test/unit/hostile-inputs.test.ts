/**
 * The catalogue of hostile inputs (issue #8): malformed or hostile account-service answers (region
 * lists, credentials, status codes, sizes, timings), hostile bypass entries and imports. Each case
 * runs through the real account-service client (fetch against a local HTTP server) and the real
 * background controller on the in-memory platform, and must end in a typed error with stored state
 * unchanged and no proxy change — never a crash, never a half-updated state, never direct.
 */
import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../src/shared/errors';
import {
  accountService,
  expectRefused,
  failOnUnhandledRejections,
  GOOD_REGION,
  GOOD_SERVER,
  regionsBody,
  setupController,
  SIGNED_IN,
  TOKEN,
} from './hostile-harness';

const service = accountService();
failOnUnhandledRejections();
const withServer = (patch: Record<string, unknown>) =>
  regionsBody([{ ...GOOD_REGION, servers: [{ ...GOOD_SERVER, ...patch }] }]);
const withRegion = (patch: Record<string, unknown>) => regionsBody([{ ...GOOD_REGION, ...patch }]);
const setup = (stored?: Parameters<typeof setupController>[1]) => setupController(service, stored);

const HOSTILE_REGION_LISTS: [string, string][] = [
  ['an empty body', ''],
  ['HTML instead of JSON', '<html>proxy error</html>'],
  ['JSON null', 'null'],
  ['a bare array', '[]'],
  ['an empty object', '{}'],
  ['regions: null', regionsBody(null)],
  ['regions as an object', regionsBody({})],
  ['regions of strings', regionsBody(['de-fra'])],
  ['a region without id', regionsBody([{ ...GOOD_REGION, id: undefined }])],
  ['a region id with a quote', withRegion({ id: 'de"fra' })],
  ['a region id with a space', withRegion({ id: 'de fra' })],
  ['a region id with PAC code', withRegion({ id: "x'; return 'DIRECT'; //" })],
  ['a region id of 65 characters', withRegion({ id: 'a'.repeat(65) })],
  ['a unicode region id', withRegion({ id: 'dé-fra' })],
  ['a numeric region id', withRegion({ id: 7 })],
  ['a lower-case country', withRegion({ country: 'de' })],
  ['a three-letter country', withRegion({ country: 'DEU' })],
  ['a numeric country', withRegion({ country: 49 })],
  ['an empty name', withRegion({ name: '' })],
  ['a 101-character name', withRegion({ name: 'n'.repeat(101) })],
  ['a 101-character city', withRegion({ city: 'c'.repeat(101) })],
  ['servers as an object', withRegion({ servers: {} })],
  ['servers: null', withRegion({ servers: null })],
  ['65 servers', withRegion({ servers: Array.from({ length: 65 }, (_, i) => ({ ...GOOD_SERVER, id: `s${i}` })) })],
  ['501 regions', regionsBody(Array.from({ length: 501 }, (_, i) => ({ ...GOOD_REGION, id: `r${i}` })))],
  ['a server without host', withServer({ host: undefined })],
  ['a host with a quote', withServer({ host: '1.2.3.4"' })],
  ['a host with PAC code', withServer({ host: '1.2.3.4; DIRECT' })],
  ['a host with a space', withServer({ host: 'proxy one.test' })],
  ['a host with a newline', withServer({ host: 'proxy.test\nDIRECT' })],
  ['a host with a slash', withServer({ host: 'proxy.test/x' })],
  ['a host with a backslash', withServer({ host: 'proxy\\test' })],
  ['a host with a colon and port', withServer({ host: 'proxy.test:8080' })],
  ['a 300-character host', withServer({ host: `${'a'.repeat(60)}.`.repeat(5) + 'test' })],
  ['a unicode host', withServer({ host: 'прокси.test' })],
  ['a host that is a number', withServer({ host: 1234 })],
  ['an empty host', withServer({ host: '' })],
  ['port 0', withServer({ port: 0 })],
  ['port 65536', withServer({ port: 65536 })],
  ['a negative port', withServer({ port: -1 })],
  ['a fractional port', withServer({ port: 80.5 })],
  ['a port as text', withServer({ port: '80' })],
  ['port null', withServer({ port: null })],
  ['scheme socks4', withServer({ scheme: 'socks4' })],
  ['scheme in capitals', withServer({ scheme: 'HTTP' })],
  ['an empty scheme', withServer({ scheme: '' })],
  ['scheme direct', withServer({ scheme: 'direct' })],
  ['a server id with a quote', withServer({ id: "s'1" })],
  ['load 101', withRegion({ load: 101 })],
  ['a negative load', withRegion({ load: -1 })],
  ['a fractional load', withRegion({ load: 1.5 })],
  ['a load as text', withRegion({ load: '5' })],
  ['an answer of 300 kB', regionsBody([{ ...GOOD_REGION, city: 'x'.repeat(300_000) }])],
  ['deeply nested garbage', '['.repeat(5000) + ']'.repeat(5000)],
];

describe('hostile region lists at login: refused with a reason, nothing stored', () => {
  it.each(HOSTILE_REGION_LISTS)('%s', async (_name, body) => {
    service.replyFor = (path) => (path === '/v1/sessions' ? { status: 201, body: TOKEN } : { body });
    const t = setup();
    await expectRefused(t, () => t.h.login({ email: 'a@b.test', password: 'pw' }), 'badAnswer');
  });
});

const STATUS_CODES: [number, Record<string, string>, ErrorCode][] = [
  [400, {}, 'badAnswer'],
  [401, {}, 'badCredentials'],
  [403, {}, 'badAnswer'],
  [404, {}, 'badAnswer'],
  [405, {}, 'badAnswer'],
  [409, {}, 'badAnswer'],
  [410, {}, 'badAnswer'],
  [413, {}, 'badAnswer'],
  [418, {}, 'badAnswer'],
  [422, {}, 'badAnswer'],
  [429, { 'retry-after': '5' }, 'rateLimited'],
  [429, {}, 'rateLimited'],
  [429, { 'retry-after': 'soon' }, 'rateLimited'],
  [429, { 'retry-after': 'Wed, 21 Oct 2099 07:28:00 GMT' }, 'rateLimited'],
  [500, {}, 'serviceUnavailable'],
  [501, {}, 'serviceUnavailable'],
  [502, {}, 'serviceUnavailable'],
  [503, { 'retry-after': '1' }, 'serviceUnavailable'],
  [504, {}, 'serviceUnavailable'],
  [599, {}, 'serviceUnavailable'],
];

describe('account-service status codes at login: a typed error, nothing stored', () => {
  it.each(STATUS_CODES)('HTTP %i %j -> %s', async (status, headers, code) => {
    service.replyFor = () => ({
      status,
      headers,
      body: JSON.stringify({ error: { code: 'x', message: '<script>x</script>' } }),
    });
    const t = setup();
    await expectRefused(t, () => t.h.login({ email: 'a@b.test', password: 'pw' }), code);
  });
});

describe('account-service timings and broken connections at login', () => {
  it('a service that never answers times out', async () => {
    service.replyFor = () => ({ hang: true });
    const t = setup();
    await expectRefused(t, () => t.h.login({ email: 'a@b.test', password: 'pw' }), 'timeout');
  });
  it('a connection cut in the middle of the answer', async () => {
    service.replyFor = (path) => (path === '/v1/sessions' ? { status: 201, body: TOKEN } : { cut: true });
    const t = setup();
    await expectRefused(t, () => t.h.login({ email: 'a@b.test', password: 'pw' }), 'serviceDown');
  });
  it('a token answer that is not a token', async () => {
    service.replyFor = () => ({ status: 201, body: JSON.stringify({ token: 'short', expiresAt: 1 }) });
    const t = setup();
    await expectRefused(t, () => t.h.login({ email: 'a@b.test', password: 'pw' }), 'badAnswer');
  });
});

const HOSTILE_CREDENTIALS: [string, string][] = [
  ['not JSON', 'nope'],
  ['no username', JSON.stringify({ password: 'p', expiresAt: 1 })],
  ['an empty username', JSON.stringify({ username: '', password: 'p', expiresAt: 1 })],
  ['a 513-character password', JSON.stringify({ username: 'u', password: 'p'.repeat(513), expiresAt: 1 })],
  ['expiry as text', JSON.stringify({ username: 'u', password: 'p', expiresAt: 'tomorrow' })],
  ['a number instead of an object', '42'],
];

describe('hostile proxy-credential answers on Connect: an error, the proxy left as it was', () => {
  it.each(HOSTILE_CREDENTIALS)('%s', async (_name, body) => {
    service.replyFor = () => ({ body });
    const t = setup(SIGNED_IN);
    const view = await t.h.connect({ regionId: 'de-fra' });
    expect(view).toMatchObject({ status: 'error', error: { code: 'badAnswer' } });
    expect(t.applied.at(-1)).toEqual({ kind: 'off' }); // it was never on: no half-connected state
    expect(t.local.wantConnected).toBe(false);
  });
});

const HOSTILE_ENTRIES = [
  '',
  ' ',
  '"example.com"',
  "example.com'",
  '"};return "DIRECT";//',
  'example.com\\',
  'exa mple.com',
  'example.com\n*',
  'example.com\u0000',
  'exa\u202Emple.com',
  'exa\u200Bmple.com',
  'ex😀\u200Dample.com',
  '*.*.example.com',
  'ex*ample.com',
  '*',
  '**.example.com',
  'co.uk',
  'com',
  'github.io',
  'a..b.com',
  `${'a'.repeat(64)}.com`,
  `${'a.'.repeat(130)}com`,
  'example.com:0',
  'example.com:65536',
  'example.com:-1',
  'example.com:http',
  '10.0.0.0/33',
  '10.0.0.0/0',
  '[fd00::]/129',
  '[fd00::]/0',
  '1.2.3.4.5',
  '256.1.1.1',
  'fd00:::1',
  '[fd00::1',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'data:text/html,x',
  '%65xample.com',
  'user@example.com',
  'example.com:80:80',
];

describe('hostile bypass entries: refused with a reason, the list unchanged', () => {
  it.each(HOSTILE_ENTRIES.map((e) => [JSON.stringify(e), e]))('%s', async (_label, pattern) => {
    const t = setup({ local: { ...SIGNED_IN.local, bypass: [{ pattern: 'bank.test' }] } });
    await expectRefused(t, () => t.h.addBypass({ pattern }), 'invalidInput');
  });
});

const HOSTILE_IMPORTS: [string, unknown][] = [
  ['no entries', {}],
  ['entries as text', { entries: 'bank.test' }],
  ['an entry without a pattern', { entries: [{ pattern: 'ok.test' }, {}] }],
  ['a numeric pattern', { entries: [{ pattern: 5 }] }],
  ['one hostile entry among good ones', { entries: [{ pattern: 'ok.test' }, { pattern: '"x"' }] }],
  ['an invalid region id', { entries: [{ pattern: 'ok.test', regionId: "de'fra" }] }],
  ['a region id that is a number', { entries: [{ pattern: 'ok.test', regionId: 1 }] }],
  ['more than the list may hold', { entries: Array.from({ length: 50_001 }, (_, i) => ({ pattern: `s${i}.test` })) }],
  ['null', null],
  ['a public suffix', { entries: [{ pattern: 'co.uk' }] }],
];

describe('hostile imports: all or nothing, the list never wiped', () => {
  it.each(HOSTILE_IMPORTS)('%s', async (_name, input) => {
    const t = setup({ local: { ...SIGNED_IN.local, bypass: [{ pattern: 'bank.test' }] } });
    await expectRefused(t, () => t.h.importBypass(input as never), 'invalidInput');
  });
});
