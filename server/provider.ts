/**
 * The reference provider in one process: account service (the token issuer) + one authenticating
 * proxy per configured server. The proxies get only the issuer's public keys.
 * Tests start it with port 0 everywhere and read the actual ports from `regions`.
 */
import { isIP } from 'node:net';
import { dirname, join } from 'node:path';
import type { Region } from '../src/shared/provider-types.ts';
import { PasswordHasher } from './account/passwords.ts';
import type { ScryptCost } from './account/passwords.ts';
import type { RateLimitOptions } from './account/rate-limit.ts';
import { startAccountService } from './account/service.ts';
import type { RunningAccountService } from './account/service.ts';
import { AccountStore } from './account/store.ts';
import { createMailer } from './mail/mailer.ts';
import type { MailOptions } from './mail/mailer.ts';
import { parseConfig } from './config.ts';
import type { ProviderConfig } from './config.ts';
import { TokenIssuer } from './tokens/issuer.ts';
import { generateIssuerKeyPem, issuerKeyFromPem, loadOrCreateIssuerKey, readIssuerKey } from './tokens/issuer-key.ts';
import type { IssuerKey } from './tokens/issuer-key.ts';
import { createTokenVerifier } from './tokens/verifier.ts';
import { keyFingerprint } from './tokens/token-format.ts';
import { ZoneProxy } from './proxy/proxy-server.ts';
import type { ProxyEvent, TlsMaterial } from './proxy/proxy-server.ts';
import { spkiSha256, tlsForServers } from './proxy/tls.ts';
import { startConnectionCheck, type ConnectionCheckListener } from './account/connection-check.ts';

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
  /**
   * The token issuer's RSA key: a PEM text, or `{ file }` read (created 0600 when missing);
   * default a file `token-issuer-key.pem` beside the SQLite database (a fresh key for ':memory:');
   * required with PostgreSQL (every node must sign with the same key).
   */
  tokenKey?: string | { file: string };
  /**
   * The key announced for the next rotation (listed in the directory beside the current one) and
   * the Unix second from which clients sign with it: docs/deploy.md "The issuer key".
   */
  nextTokenKey?: { file: string; notBefore: number };
  /** Token epoch length in seconds; default 3600. Tests use shorter ones. */
  tokenEpochSeconds?: number;
  /** The challenge's issuer name; default 'zone-vpn'. */
  tokenIssuerName?: string;
  /** Tokens one account may take per epoch; default 512. */
  tokensPerEpoch?: number;
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
  /**
   * The SMTP relay for the site's mails (approval links); for development the loopback sink of
   * server/mail/sink.ts. Default: none, and site sign-up answers 503 "not available".
   */
  mail?: MailOptions;
  /** The site's public base URL for links in mails (https gives `__Host-` Secure cookies). */
  siteUrl?: string;
  /** The address on the site's contact page; default support@zone.test. */
  contactEmail?: string;
}

export interface RunningProvider {
  /** e.g. http://127.0.0.1:18100 */
  accountUrl: string;
  /** The database in use: the SQLite path or the PostgreSQL URL with its password masked. */
  database: string;
  /** The configured regions with the actual listening ports. */
  regions: Region[];
  /** What proxies (the Squid helper among them) need to check tokens: public values only. */
  issuer: { name: string; epochSeconds: number; keys: string[]; fingerprint: string };
  /** Present when some server uses the `https` scheme or a connection check runs. */
  tls?: { cert: string; spkiSha256: string };
  /** The HTTPS connection check's URL, when the config asks for one. */
  connectionCheckUrl?: string;
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
  const mailer = options.mail && createMailer(options.mail);
  const proxies = new Map<string, ZoneProxy>();
  let account: RunningAccountService | undefined;
  let check: ConnectionCheckListener | undefined;
  let closed = false;
  const closeAll = async (): Promise<void> => {
    closed = true;
    await Promise.allSettled([account?.close(), check?.close(), ...[...proxies.values()].map((p) => p.stop())]);
    mailer?.close();
    await store.close();
  };

  try {
    const issuer = new TokenIssuer({
      name: options.tokenIssuerName ?? 'zone-vpn',
      epochSeconds: options.tokenEpochSeconds ?? 3600,
      keys: [
        issuerKeyFor(options),
        ...(options.nextTokenKey ? [readIssuerKey(options.nextTokenKey.file, options.nextTokenKey.notBefore)] : []),
      ],
    });
    const publicKeys = issuer.publishedKeys();
    const managed = (server: { managed?: boolean }): boolean => server.managed !== false;
    const tls = await tlsForServers(
      config.regions.flatMap((r) => r.servers.filter(managed)),
      options.tls,
      config.connectionCheck ? [config.connectionCheck.name] : [],
    );
    for (const region of config.regions) {
      const verifyToken = createTokenVerifier({
        keys: publicKeys,
        issuerName: issuer.name,
        epochSeconds: issuer.epochSeconds,
        regionId: region.id,
      });
      for (const server of region.servers.filter(managed)) {
        // The constructor refuses unsupported schemes before anything listens.
        const proxy = new ZoneProxy({
          server,
          regionId: region.id,
          verifyToken,
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
      issuer,
      tokensPerEpoch: options.tokensPerEpoch,
      passwords,
      regions: () => regions.map((region) => ({ ...structuredClone(region), load: loadOf(region) })),
      sessionTtlMs: options.sessionTtlMs,
      loginRateLimit: options.loginRateLimit,
      rateLimitKey: options.rateLimitKey,
      trustProxy: config.accountService.trustProxy,
      mailer,
      siteUrl: options.siteUrl,
      contactEmail: options.contactEmail,
      connectionCheckUrl: () => check?.url,
      egressCountries: config.connectionCheck?.countries,
    });
    if (config.connectionCheck && tls) {
      check = await startConnectionCheck({
        ...config.connectionCheck,
        tls,
        trustProxy: config.accountService.trustProxy,
      });
    }

    const proxyById = (serverId: string): ZoneProxy => {
      const proxy = proxies.get(serverId);
      if (!proxy) throw new Error(`No proxy server with id "${serverId}" run by this provider`);
      return proxy;
    };
    return {
      accountUrl: account.url,
      database: store.description,
      regions: structuredClone(regions),
      issuer: {
        name: issuer.name,
        epochSeconds: issuer.epochSeconds,
        keys: publicKeys.map((key) => key.toString('base64url')),
        fingerprint: keyFingerprint(publicKeys[0] ?? Buffer.alloc(0)),
      },
      ...(tls ? { tls: { cert: tls.cert, spkiSha256: spkiSha256(tls.cert) } } : {}),
      ...(check ? { connectionCheckUrl: check.url } : {}),
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

function issuerKeyFor(options: ProviderOptions): IssuerKey {
  const given = options.tokenKey;
  if (typeof given === 'string') return issuerKeyFromPem(given);
  if (given) return loadOrCreateIssuerKey(given.file);
  if (options.database === ':memory:') return issuerKeyFromPem(generateIssuerKeyPem());
  if (/^postgres(ql)?:/i.test(options.database)) {
    // A fleet's nodes must all sign with the same key: no default beside a database file here.
    throw new Error('With PostgreSQL, give the token issuer key file (--token-key), the same on every node');
  }
  return loadOrCreateIssuerKey(join(dirname(options.database), 'token-issuer-key.pem'));
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
