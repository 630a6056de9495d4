/**
 * The site's only cookie, the session's random secret (only its SHA-256 is stored). Over https:
 * `__Host-zone_site` with Secure (the browser then insists on Path=/ and no Domain). Over plain
 * http, which only a loopback development setup should use, browsers refuse Secure cookies, so the
 * plain name `zone_site` is used. CSRF needs no cookie (server/site/csrf.ts).
 */
import type { CookieSerializeOptions } from '@fastify/cookie';

export interface SiteCookies {
  session: string;
  options: CookieSerializeOptions;
}

export function siteCookies(publicUrl: string): SiteCookies {
  const secure = new URL(publicUrl).protocol === 'https:';
  return {
    session: secure ? '__Host-zone_site' : 'zone_site',
    options: { path: '/', httpOnly: true, sameSite: 'strict', secure },
  };
}
