/**
 * The unlinkability audit (issue #14, docs/security.md "Who can learn what"): five accounts sign
 * in, take tokens through the real client code and browse through the provider's proxies.
 * Everything the account service saw (every request and answer, through a recorder in front of
 * it) and stored (the database file) is searched for anything the proxies saw (every
 * Proxy-Authorization). It runs on both engines: with SQLite what is stored is the database file;
 * with PostgreSQL it is every table's rows, every file of the cluster's data directory and the
 * server's log of every statement with its parameters. The positive control runs the same audit
 * against a deliberately linkable issuer (it signs the token in the clear) and must find every link.
 */
import { createHash, randomBytes, sign } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PasswordHasher } from '../account/passwords.ts';
import { AccountStore } from '../account/store.ts';
import { FAST_TEST_COST, login, mintTestTokens, startTestProvider } from '../test-support.ts';
import { startTestPostgres } from '../../test/support/postgres.ts';
import type { TestPostgres } from '../../test/support/postgres.ts';
import type { TestProvider } from '../test-support.ts';
import { proxyConnect, proxyGet, startRecordingOrigin } from '../proxy/test-clients.ts';
import { linkedCredentials, startRecordingFront } from './audit.ts';
import { challengeDigest, epochAt, usernameFor } from './token-format.ts';
import { testKey } from './test-tokens.ts';

const ACCOUNTS = Array.from({ length: 5 }, (_, i) => ({
  email: `user${i}@zone.test`,
  password: `password-number-${i}`,
}));

/** Every table's rows, as text (PostgreSQL). */
async function tableDump(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    const out: string[] = [];
    for (const { tablename } of tables.rows) {
      const rows = await client.query(`SELECT * FROM "${tablename}" ORDER BY 1`);
      out.push(`${tablename}: ${JSON.stringify(rows.rows)}`);
    }
    return out.join('\n');
  } finally {
    await client.end();
  }
}

/** Every byte of every file under a directory. */
async function allBytes(dir: string): Promise<Buffer> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  return Buffer.concat(await Promise.all(files.map((f) => readFile(f).catch(() => Buffer.alloc(0)))));
}

describe.each(['sqlite', 'postgres'] as const)(
  'unlinkability audit on %s: what the account service saw and stored vs what the proxies saw',
  (engine) => {
    let provider: TestProvider;
    let origin: Awaited<ReturnType<typeof startRecordingOrigin>>;
    let front: Awaited<ReturnType<typeof startRecordingFront>>;
    const proxySaw: Array<{ username: string; password: string; account: number }> = [];
    let dbBeforeBrowsing: Buffer;
    let dbAfter: Buffer;
    let dbAfterContent: Buffer;
    let postgres: TestPostgres | undefined;
    const directories = new Set<string>();
    /** What the account service stored: the SQLite file, or PostgreSQL's rows, files and statement log. */
    const stored = async (): Promise<Buffer> => {
      if (!postgres) return readFile(provider.database);
      return Buffer.concat([
        Buffer.from(await tableDump(provider.database)),
        await allBytes(postgres.dataDir),
        Buffer.from(postgres.serverLog()),
      ]);
    };
    /** What must not change with proxy use: the file, or the rows. */
    const content = async (): Promise<Buffer> =>
      postgres ? Buffer.from(await tableDump(provider.database)) : readFile(provider.database);

    beforeAll(async () => {
      if (engine === 'postgres') postgres = await startTestPostgres({ logStatements: true });
      const database = postgres ? await postgres.createDatabase('audit') : undefined;
      provider = await startTestProvider({ upstreamLocalAddress: '127.0.0.2', ...(database ? { database } : {}) });
      origin = await startRecordingOrigin();
      const store = await AccountStore.open(provider.database);
      const hasher = new PasswordHasher(FAST_TEST_COST);
      for (const account of ACCOUNTS) {
        await store.upsertUser({
          email: account.email,
          password_hash: await hasher.hash(account.password),
          plan: 'premium',
          plan_expires_at: null,
        });
      }
      await store.close();
      front = await startRecordingFront(provider.accountUrl);
      // Sign in and take tokens (current epoch, both regions): the service's whole part.
      const sessions = [];
      for (const [i, account] of ACCOUNTS.entries()) {
        const session = await login(front.url, account.email, account.password);
        const tokens = await mintTestTokens(front.url, session, [
          { regionId: 'de-fra' },
          { regionId: 'jp-tyo' },
          { regionId: 'de-fra' },
        ]);
        sessions.push({ i, tokens });
      }
      for (const exchange of front.seen.filter((e) => e.path.includes('private-token-issuer-directory'))) {
        directories.add(JSON.stringify((JSON.parse(exchange.responseBody) as { 'token-keys': unknown })['token-keys']));
      }
      dbBeforeBrowsing = await content();
      // Browse through the proxies, each account with its own tokens, GETs and CONNECTs.
      for (const { i, tokens } of sessions) {
        for (const token of tokens) {
          const region = provider.regions.find((r) => r.id === token.regionId)!;
          for (const server of region.servers) {
            const credential = { username: token.username, password: token.password };
            expect((await proxyGet(server, `http://127.0.0.1:${origin.port}/u${i}`, credential)).status).toBe(200);
            expect((await proxyConnect(server, `127.0.0.1:${origin.port}`, credential)).status).toBe(200);
            proxySaw.push({ ...credential, account: i });
          }
        }
      }
      dbAfter = await stored();
      dbAfterContent = await content();
    }, 60_000);
    afterAll(async () => {
      await front?.close();
      await origin?.close();
      await provider?.dispose();
      await postgres?.dispose();
    });

    it('the proxies saw tokens of five accounts (the audit has something to find)', () => {
      expect(new Set(proxySaw.map((c) => c.account)).size).toBe(5);
      expect(proxySaw.length).toBeGreaterThanOrEqual(5 * 3);
      expect(front.seen.filter((e) => e.path === '/v1/tokens').length).toBe(5);
    });

    it('no token, token hash, nonce or signature a proxy saw appears in anything the account service saw or stored', () => {
      if (postgres) expect(postgres.serverLog()).toContain('token_issuance'); // the statement log is really there
      expect(linkedCredentials(proxySaw, front.seen, dbAfter)).toEqual([]);
    });

    it('every account was served the same single key (no per-user key could tag anyone)', () => {
      expect(directories.size).toBe(1);
      const keys = JSON.parse([...directories][0]!) as unknown[];
      expect(keys).toHaveLength(1);
      const keyIds = new Set(
        proxySaw.map((c) => Buffer.from(c.password, 'base64url').subarray(66, 98).toString('hex')),
      );
      expect(keyIds.size).toBe(1);
    });

    it('the database holds nothing that changes with proxy use', () => {
      expect(dbAfterContent.equals(dbBeforeBrowsing)).toBe(true);
    });
  },
);

describe('positive control: the same audit against a deliberately linkable issuer finds every link', () => {
  it('an issuer that signs tokens in the clear (no blinding) is caught', async () => {
    const provider = await startTestProvider();
    const key = testKey(0);
    // Test-only linkable issuance: the client sends the token input itself and gets a plain
    // RSA-PSS signature; everything else (login, recorder, database) is as in the real audit.
    const front = await startRecordingFront(provider.accountUrl, (path, body) => {
      if (path !== '/test-only/linkable-tokens') return undefined;
      const inputs = (JSON.parse(body) as { inputs: string[] }).inputs;
      return JSON.stringify({
        signatures: inputs.map((input) =>
          sign('sha384', Buffer.from(input, 'base64url'), { key: key.privateKey, padding: 6, saltLength: 48 }).toString(
            'base64url',
          ),
        ),
      });
    });
    try {
      const proxySaw: Array<{ username: string; password: string }> = [];
      for (let i = 0; i < 5; i++) {
        await login(front.url); // the demo account, five sessions
        const epoch = epochAt(Date.now(), 3600);
        const input = Buffer.concat([
          Buffer.from([0, 2]),
          randomBytes(32),
          challengeDigest('zone-vpn', epoch, 'de-fra'),
          createHash('sha256').update(key.published).digest(),
        ]);
        const answer = await fetch(`${front.url}/test-only/linkable-tokens`, {
          method: 'POST',
          body: JSON.stringify({ inputs: [input.toString('base64url')] }),
        });
        const { signatures } = (await answer.json()) as { signatures: string[] };
        const token = Buffer.concat([input, Buffer.from(signatures[0]!, 'base64url')]);
        proxySaw.push({ username: usernameFor(token), password: token.toString('base64url') });
      }
      const linked = linkedCredentials(proxySaw, front.seen, await readFile(provider.database));
      expect(linked).toEqual(proxySaw.map((c) => c.username));
    } finally {
      await front.close();
      await provider.dispose();
    }
  });
});
