/** The provider's vocabulary, shared by the account-service client, the core and the UI. */

export type ProxyScheme = 'http' | 'https' | 'socks5';

/** One proxy server of a region, as the account service lists it (validated before use). */
export interface ProxyServer {
  id: string;
  host: string;
  port: number;
  scheme: ProxyScheme;
}

export interface Region {
  id: string;
  name: string;
  /** ISO 3166-1 alpha-2 country code, upper case. */
  country: string;
  city: string;
  servers: ProxyServer[];
  /** How busy the region is, 0-100, as the provider reports it (optional). */
  load?: number;
}

/** What sites see, as the provider's connection check reports it (docs/api.md). */
export interface SeenAddress {
  ip: string;
  /** ISO 3166 code as the provider reports it; null when it does not know. */
  country: string | null;
}
