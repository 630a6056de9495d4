/** What the account service's routes share; built once by createAccountService. */
import type { Region } from '../../src/shared/provider-types.ts';
import type { TokenIssuer } from '../tokens/issuer.ts';
import type { IssuanceCounter } from './issuance-counter.ts';
import type { PasswordHasher } from './passwords.ts';
import type { RateLimitOptions } from './rate-limit.ts';
import type { AccountStore } from './store.ts';

export interface AccountContext {
  store: AccountStore;
  issuer: TokenIssuer;
  issuance: IssuanceCounter;
  /** Tokens one account may take per epoch. */
  tokensPerEpoch: number;
  passwords: PasswordHasher;
  /** The regions with the proxies' actual listening ports, read at each request. */
  regions: () => Region[];
  sessionTtlMs: number;
  loginRateLimit: RateLimitOptions;
  /** HMAC key of the rate-limit rows (server/account/rate-limit.ts). */
  rateLimitKey: Buffer;
}
