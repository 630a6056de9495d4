import { describe, expect, it } from 'vitest';
import { siteCookies } from './cookies.ts';

describe('site cookie names and flags', () => {
  it('over https: __Host- names, Secure, HttpOnly, SameSite=Strict, Path=/, no Domain', () => {
    const cookies = siteCookies('https://vpn.example.org');
    expect(cookies.session).toBe('__Host-zone_site');
    expect(cookies.csrf).toBe('__Host-zone_csrf');
    expect(cookies.options).toEqual({ path: '/', httpOnly: true, sameSite: 'strict', secure: true });
  });

  it('over plain http (loopback development): plain names without Secure, which browsers would drop', () => {
    const cookies = siteCookies('http://127.0.0.1:18100');
    expect(cookies.session).toBe('zone_site');
    expect(cookies.csrf).toBe('zone_csrf');
    expect(cookies.options.secure).toBe(false);
  });
});
