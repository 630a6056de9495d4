/** What the site's routes share (built by server/site/plugin.ts). */
import type { AccountContext } from '../account/context.ts';
import type { RateLimiter } from '../account/rate-limit.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { SiteCookies } from './cookies.ts';
import type { SiteGuard } from './guard.ts';

export interface SiteContext {
  account: AccountContext;
  /** Absent: the provider sends no mail, so sign-up answers 503 with a clear page. */
  mailer?: Mailer;
  /** The site's public base URL, for links in mails, e.g. https://vpn.example.org. */
  publicUrl: () => string;
  cookies: SiteCookies;
  /** The login limiter: site sign-ups and logins count against it too (shared by all nodes). */
  limiter: RateLimiter;
  /** Session lookup and the forms' CSRF checks (server/site/guard.ts). */
  guard: SiteGuard;
  /** The address shown on the contact page. */
  contactEmail: string;
}

export const DEFAULT_CONTACT_EMAIL = 'support@zone.test';

/** Approval links work once, for 24 hours. */
export const APPROVAL_TTL_MS = 24 * 60 * 60_000;
