/** The site's cookie audit (test/support/site-audits.ts) on the https rules the loopback journey cannot reach. */
import { describe, expect, it } from 'vitest';
import { cookieProblems, type SeenCookie } from '../support/site-audits';

const session = (over: Partial<SeenCookie> = {}): SeenCookie => ({
  name: '__Host-zone_site',
  value: 'A'.repeat(43),
  domain: 'vpn.example.test',
  path: '/',
  httpOnly: true,
  secure: true,
  sameSite: 'Strict',
  ...over,
});

describe('cookie audit over https', () => {
  it('passes the __Host- session cookie with Secure, HttpOnly, SameSite=Strict', () => {
    expect(cookieProblems([session()], 'https://vpn.example.test', 'present')).toEqual([]);
  });

  it('reports a missing Secure, the plain name, a Domain attribute and a missing session', () => {
    expect(cookieProblems([session({ secure: false })], 'https://vpn.example.test', 'present')).toEqual([
      '__Host-zone_site (vpn.example.test/) is not Secure over https',
    ]);
    expect(cookieProblems([session({ name: 'zone_site' })], 'https://vpn.example.test', 'present')).toEqual([
      'unexpected cookie zone_site (vpn.example.test/)',
      'no session cookie __Host-zone_site',
    ]);
    expect(cookieProblems([session({ domain: '.example.test' })], 'https://vpn.example.test', 'either')).toEqual([
      '__Host-zone_site (.example.test/) has a Domain attribute',
    ]);
  });
});
