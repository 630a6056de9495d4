/**
 * The reference provider in one process: account service + one authenticating proxy per
 * configured server, sharing the credential key (and the in-memory logout revocations).
 * Tests start it with port 0 everywhere and read the actual ports from `regions`.
 */
import { isIP } from 'node:net';
import type { Region } from '../src/shared/types.ts';
import { PasswordHasher } from './account/passwords.ts';
import type { ScryptCost } from './account/passwords.ts';
import type { RateLimitOptions } from './account/rate-limit.ts';
import { startAccountService } from './account/service.ts';
import type { RunningAccountService } from './account/service.ts';
import { AccountStore } from './account/store.ts';
import { parseConfig } from './config.ts';
import type { ProviderConfig } from './config.ts';
import { CredentialAuthority, credentialKeyFrom } from './credentials.ts';
import { ZoneProxy } from './proxy/proxy-server.ts';
import type { ProxyEvent, TlsMaterial } from './proxy/proxy-server.ts';
import { spkiSha256, tlsForServers } from './proxy/tls.ts';

export type { ProxyEvent } from './proxy/proxy-server.ts';
export type { ProviderConfig } from './config.ts';

export interface ProviderOptions {
  config: ProviderConfig;
  /**
   * The account database: a SQLite file path (its folder is created) or a postgres:// URL
   * (server/account/db/connect.ts).
   */
  database: string;
  /** Created at start, or its password and plan updated. plan defaults to 'premium'. */
  demoAccount?: { email: string; password: string; plan?: string };
  /** Session lifetime; default 30 days. */
  sessionTtlMs?: number;
  /** Proxy credential lifetime; default 15 minutes. */
  credentialTtlMs?: number;
  /** HMAC key shared by account service and proxies; default env ZONE_CREDENTIAL_KEY, else random. */
  credentialKey?: string | Buffer;
  /** Source address of the proxies' upstream sockets, e.g. '127.0.0.2'. */
  upstreamLocalAddress?: string;
  /** In-memory observer of proxy decisions, for tests. Never persisted. */
  onProxyEvent?: (event: ProxyEvent) => void;
  /** Login attempts per email and per client address; default 10 per 5 minutes. */
  loginRateLimit?: RateLimitOptions;
  /** HMAC key of the rate-limit rows; default env ZONE_RATE_LIMIT_KEY (required with PostgreSQL). */
  rateLimitKey?: string | Buffer;
  /** Key and certificate for `https` servers; default a fresh self-signed one (openssl CLI). */
  tls?: TlsMaterial;
  /** scrypt cost for new password hashes; default N=32768, r=8, p=1 (tests lower it). */
  passwordCost?: ScryptCost;
}

export interface RunningProvider {
  /** e.g. http://127.0.0.1:18100 */
  accountUrl: string;
  /** The database in use: the SQLite path or the PostgreSQL URL with its password masked. */
  database: string;
  /** The configured regions with the actual listening ports. */
  regions: Region[];
  /** Present when some server uses the `https` scheme. */
  tls?: { cert: string; spkiSha256: string };
  /** Closes one proxy and its open connections; its port then refuses connections. */
  stopServer(serverId: string): Promise<void>;
  /** Starts a stopped proxy again on the same port. */
  startServer(serverId: string): Promise<void>;
  /** Stops everything, destroying open sockets. */
  close(): Promise<void>;
}

/** Connections one reference proxy is sized for; the load figure is open connections against it. */
const CONNECTIONS_PER_SERVER = 256;

export async function startProvider(options: ProviderOptions): Promise<RunningProvider> {
  const config = parseConfig(options.config);
  const local = options.upstreamLocalAddress;
  if (local !== undefined && isIP(local) === 0) throw new Error(`upstreamLocalAddress "${local}" is not an IP address`);

  const store = await AccountStore.open(options.database);
  const proxies = new Map<string, ZoneProxy>();
  let account: RunningAccountService | undefined;
  let closed = false;
  const closeAll = async (): Promise<void> => {
    closed = true;
    await Promise.allSettled([account?.close(), ...[...proxies.values()].map((p) => p.stop())]);
    await store.close();
  };

  try {
    const credentials = new CredentialAuthority(credentialKeyFrom(options.credentialKey));
    const managed = (server: { managed?: boolean }): boolean => server.managed !== false;
    const tls = await tlsForServers(
      config.regions.flatMap((r) => r.servers.filter(managed)),
      options.tls,
    );
    for (const region of config.regions) {
      for (const server of region.servers.filter(managed)) {
        // The constructor refuses unsupported schemes before anything listens.
        const proxy = new ZoneProxy({
          server,
          regionId: region.id,
          credentials,
          hosts: config.hosts,
          upstreamLocalAddress: local,
          onProxyEvent: options.onProxyEvent,
          tls,
        });
        proxies.set(server.id, proxy);
      }
    }
    const passwords = new PasswordHasher(options.passwordCost);
    await Promise.all([
      ...[...proxies.values()].map((p) => p.start()),
      options.demoAccount && upsertDemoAccount(store, passwords, options.demoAccount),
    ]);

    // Load 0-100: the region's open proxy connections against its capacity, counted live.
    const loadOf = (region: Region): number => {
      const open = region.servers.reduce((n, s) => n + (proxies.get(s.id)?.openConnections ?? 0), 0);
      return Math.min(100, Math.ceil((100 * open) / (CONNECTIONS_PER_SERVER * Math.max(1, region.servers.length))));
    };
    const regions: Region[] = config.regions.map((region) => ({
      ...region,
      // Announced as configured, without the `managed` flag (the extension need not know).
      servers: region.servers.map(({ managed: _managed, ...s }) => ({ ...s, port: proxies.get(s.id)?.port ?? s.port })),
    }));
    account = await startAccountService({
      host: config.accountService.host,
      port: config.accountService.port,
      store,
      credentials,
      passwords,
      regions: () => regions.map((region) => ({ ...structuredClone(region), load: loadOf(region) })),
      sessionTtlMs: options.sessionTtlMs,
      credentialTtlMs: options.credentialTtlMs,
      loginRateLimit: options.loginRateLimit,
      rateLimitKey: options.rateLimitKey,
      trustProxy: config.accountService.trustProxy,
    });

    const proxyById = (serverId: string): ZoneProxy => {
      const proxy = proxies.get(serverId);
      if (!proxy) throw new Error(`No proxy server with id "${serverId}" run by this provider`);
      return proxy;
    };
    return {
      accountUrl: account.url,
      database: store.description,
      regions: structuredClone(regions),
      ...(tls ? { tls: { cert: tls.cert, spkiSha256: spkiSha256(tls.cert) } } : {}),
      stopServer: async (serverId) => proxyById(serverId).stop(),
      startServer: async (serverId) => {
        if (closed) throw new Error('The provider is closed');
        await proxyById(serverId).start();
      },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

async function upsertDemoAccount(
  store: AccountStore,
  passwords: PasswordHasher,
  demo: NonNullable<ProviderOptions['demoAccount']>,
): Promise<void> {
  await store.upsertUser({
    email: demo.email.trim().toLowerCase(),
    password_hash: await passwords.hash(demo.password),
    plan: demo.plan ?? 'premium',
    plan_expires_at: null,
  });
}
