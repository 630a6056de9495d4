import { describe, expect, it } from 'vitest';
import { siteOf, siteOfUrl } from './site';
import { parseBypassEntry } from './bypass-rules';

describe('siteOf offers the registrable domain', () => {
  it.each([
    ['news.bbc.co.uk', 'bbc.co.uk'],
    ['bbc.co.uk', 'bbc.co.uk'],
    ['www.example.com', 'example.com'],
    ['WWW.Example.COM.', 'example.com'],
    ['a.b.c.example.com', 'example.com'],
    ['me.github.io', 'me.github.io'],
    ['deep.me.github.io', 'me.github.io'],
    ['例え.jp', 'xn--r8jz45g.jp'],
    ['www.xn--r8jz45g.jp', 'xn--r8jz45g.jp'],
    ['printer.lan', 'printer.lan'],
    ['192.168.1.10', '192.168.1.10'],
    ['[2001:DB8::1]', '2001:db8::1'],
    ['2001:db8::1', '2001:db8::1'],
  ])('%s -> %s', (host, site) => {
    expect(siteOf(host)).toBe(site);
  });

  it.each(['localhost', 'intranet', 'co.uk', 'com', 'github.io', '', 'a b', 'evil"; return "DIRECT', 'a..b'])(
    '%j has no site',
    (host) => {
      expect(siteOf(host)).toBeNull();
    },
  );

  it('never offers a public suffix, and what it offers parses as a bypass entry', () => {
    for (const host of ['news.bbc.co.uk', 'x.y.z.example.com.au', 'me.github.io', '10.0.0.1', 'fd00::1']) {
      const site = siteOf(host);
      expect(site).not.toBeNull();
      expect(parseBypassEntry(site ?? '').ok).toBe(true);
    }
  });
});

describe('siteOfUrl', () => {
  it.each([
    ['https://news.bbc.co.uk/sport?x=1', 'bbc.co.uk'],
    ['http://10.0.0.1:8080/', '10.0.0.1'],
    ['https://[::1]/', '::1'],
  ])('%s -> %s', (url, site) => {
    expect(siteOfUrl(url)).toBe(site);
  });

  it.each([
    'chrome://extensions',
    'about:blank',
    'about:newtab',
    'moz-extension://1234/popup.html',
    'chrome-extension://abc/options.html',
    'file:///home/me/a.html',
    'data:text/html,hi',
    'javascript:alert(1)',
    'view-source:https://example.com/',
    'not a url',
    'http://localhost:3000/',
  ])('%s -> null', (url) => {
    expect(siteOfUrl(url)).toBeNull();
  });
});
