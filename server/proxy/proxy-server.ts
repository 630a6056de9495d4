/**
 * One authenticating forward proxy (proxy-chain) for one configured server.
 *
 * - Only a valid access token passes (Basic auth, password = a blind-signed token checked with
 *   the issuer's public key: server/tokens/verifier.ts, no database); anything else gets `407`
 *   with `Proxy-Authenticate: Basic`. proxy-chain strips Proxy-Authorization before forwarding,
 *   so tokens never reach the origin.
 * - Plain-HTTP absolute-URI requests and CONNECT tunnels; upstream names go through the static
 *   hosts map, and upstream sockets can be bound to `upstreamLocalAddress` (the tests' oracle).
 * - No logging (`verbose: false`); `onProxyEvent` is an in-memory callback for tests only.
 * - stop() destroys open connections; start() again listens on the same port.
 */
import http from 'node:http';
import type dns from 'node:dns';
import { isIP } from 'node:net';
import { Server } from 'proxy-chain';
import type { PrepareRequestFunction, ServerOptions } from 'proxy-chain';
import type { ProxyServer } from '../../src/shared/provider-types.ts';
import type { TokenVerifier } from '../tokens/verifier.ts';
import { createLookup } from './hosts.ts';
import type { HostsMap } from './hosts.ts';

export interface ProxyEvent {
  serverId: string;
  regionId: string;
  kind: 'request' | 'connect';
  /** `host:port` the client asked for. */
  target: string;
  authorized: boolean;
  /**
   * The Basic username the client sent ('' for none): for a token, its hash. Lets tests see which
   * token a request used (one per region and epoch); it names no account.
   */
  username: string;
}

export interface TlsMaterial {
  key: string;
  cert: string;
}

export interface ZoneProxyOptions {
  server: ProxyServer;
  regionId: string;
  /** The region's token check (shared by the region's servers, so is its cache). */
  verifyToken: TokenVerifier;
  hosts: HostsMap;
  upstreamLocalAddress?: string;
  onProxyEvent?: (event: ProxyEvent) => void;
  /** Required when server.scheme is 'https'. */
  tls?: TlsMaterial;
}

const AUTH_REALM = 'Zone VPN';

export class ZoneProxy {
  readonly #options: ZoneProxyOptions;
  readonly #lookup: typeof dns.lookup;
  #port: number;
  #server: Server | undefined;
  #agent: http.Agent | undefined;
  #transition: Promise<void> = Promise.resolve();

  constructor(options: ZoneProxyOptions) {
    const { server } = options;
    if (server.scheme === 'socks5') {
      throw new Error(
        `Proxy server ${server.id}: scheme "socks5" is not supported by the reference provider ` +
          '(browsers cannot authenticate to SOCKS5 proxies); use "http" or "https".',
      );
    }
    if (server.scheme === 'https' && !options.tls) {
      throw new Error(`Proxy server ${server.id}: scheme "https" needs a TLS key and certificate`);
    }
    this.#options = options;
    this.#port = server.port;
    // proxy-chain types the option as dns.lookup; ours implements the overload Node actually calls.
    this.#lookup = createLookup(options.hosts) as unknown as typeof dns.lookup;
  }

  get id(): string {
    return this.#options.server.id;
  }

  /** The listening port (the OS-chosen one once started with port 0). */
  get port(): number {
    return this.#port;
  }

  /** Connections open right now (for the region's load figure; nothing is recorded). */
  get openConnections(): number {
    return this.#server?.getConnectionIds().length ?? 0;
  }

  get running(): boolean {
    return this.#server !== undefined;
  }

  /** Listens (again, on the same port once one was chosen). Start and stop run one at a time. */
  start(): Promise<void> {
    return this.#serialize(() => this.#start());
  }

  /** Closes the listener and destroys every open connection and upstream socket. */
  stop(): Promise<void> {
    return this.#serialize(() => this.#stop());
  }

  #serialize(step: () => Promise<void>): Promise<void> {
    const next = this.#transition.then(step);
    this.#transition = next.catch(() => undefined);
    return next;
  }

  async #start(): Promise<void> {
    if (this.#server) return;
    const { server, tls } = this.#options;
    this.#agent = new http.Agent({ keepAlive: false });
    const base = {
      host: server.host,
      port: this.#port,
      verbose: false,
      authRealm: AUTH_REALM,
      prepareRequestFunction: this.#prepare,
    };
    const options: ServerOptions =
      server.scheme === 'https' && tls
        ? { ...base, serverType: 'https', httpsOptions: { key: tls.key, cert: tls.cert } }
        : { ...base, serverType: 'http' };
    const proxy = new Server(options);
    await proxy.listen();
    this.#port = proxy.port;
    this.#server = proxy;
  }

  async #stop(): Promise<void> {
    const proxy = this.#server;
    this.#server = undefined;
    this.#agent?.destroy();
    this.#agent = undefined;
    if (proxy) await proxy.close(true);
  }

  readonly #prepare: PrepareRequestFunction = ({ username, password, hostname, port, isHttp }) => {
    const authorized = this.#options.verifyToken(username, password);
    this.#emit({
      kind: isHttp ? 'request' : 'connect',
      target: `${hostname}:${port}`,
      authorized,
      username: username.slice(0, 64),
    });
    if (!authorized) return { requestAuthentication: true, failMsg: 'A Zone VPN access token is required' };
    const localAddress = this.#options.upstreamLocalAddress;
    return {
      dnsLookup: this.#lookup,
      localAddress,
      // A socket bound to an IPv4 source can only reach IPv4 targets (and likewise for IPv6).
      ipFamily: localAddress ? isIP(localAddress) : undefined,
      httpAgent: this.#agent,
    };
  };

  #emit(event: Pick<ProxyEvent, 'kind' | 'target' | 'authorized' | 'username'>): void {
    const listener = this.#options.onProxyEvent;
    if (!listener) return;
    try {
      listener({ serverId: this.#options.server.id, regionId: this.#options.regionId, ...event });
    } catch {
      // A test listener's failure must not change what the proxy answers.
    }
  }
}
