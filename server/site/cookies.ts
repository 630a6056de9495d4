/**
 * The site's cookies. Over https: `__Host-` names with Secure (the browser then insists on Path=/
 * and no Domain). Over plain http, which only a loopback development setup should use, browsers
 * refuse Secure cookies, so the plain names `zone_site` and `zone_csrf` are used. Both hold random
 * values only: the session cookie the session's secret (only its SHA-256 is stored), the CSRF
 * cookie the secret of @fastify/csrf-protection.
 */
import type { CookieSerializeOptions } from '@fastify/cookie';

export interface SiteCookies {
  session: string;
  csrf: string;
  options: CookieSerializeOptions;
}

export function siteCookies(publicUrl: string): SiteCookies {
  const secure = new URL(publicUrl).protocol === 'https:';
  return {
    session: secure ? '__Host-zone_site' : 'zone_site',
    csrf: secure ? '__Host-zone_csrf' : 'zone_csrf',
    options: { path: '/', httpOnly: true, sameSite: 'strict', secure },
  };
}
