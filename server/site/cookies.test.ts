import { describe, expect, it } from 'vitest';
import { siteCookies } from './cookies.ts';

describe('site cookie names and flags', () => {
  it('over https: a __Host- name, Secure, HttpOnly, SameSite=Strict, Path=/, no Domain', () => {
    const cookies = siteCookies('https://vpn.example.org');
    expect(cookies.session).toBe('__Host-zone_site');
    expect(cookies.options).toEqual({ path: '/', httpOnly: true, sameSite: 'strict', secure: true });
  });

  it('over plain http (loopback development): a plain name without Secure, which browsers would drop', () => {
    const cookies = siteCookies('http://127.0.0.1:18100');
    expect(cookies.session).toBe('zone_site');
    expect(cookies.options.secure).toBe(false);
  });
});
