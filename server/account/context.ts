/** What the account service's routes share; built once by createAccountService. */
import type { Region } from '../../src/shared/types.ts';
import type { CredentialAuthority } from '../credentials.ts';
import type { PasswordHasher } from './passwords.ts';
import type { RateLimitOptions } from './rate-limit.ts';
import type { AccountStore } from './store.ts';

export interface AccountContext {
  store: AccountStore;
  credentials: CredentialAuthority;
  passwords: PasswordHasher;
  /** The regions with the proxies' actual listening ports, read at each request. */
  regions: () => Region[];
  sessionTtlMs: number;
  credentialTtlMs: number;
  loginRateLimit: RateLimitOptions;
  /** HMAC key of the rate-limit rows (server/account/rate-limit.ts). */
  rateLimitKey: Buffer;
}
