import { describe, expect, it } from 'vitest';
import { formatRule, parseBypassEntry, type Rule } from './bypass-rules';

const accepted: [input: string, canonical: string, rule: Rule][] = [
  ['example.com', 'example.com', { kind: 'domain', host: 'example.com' }],
  ['  Example.COM.  ', 'example.com', { kind: 'domain', host: 'example.com' }],
  ['*.example.com', '*.example.com', { kind: 'subdomains', host: 'example.com' }],
  ['=mail.example.com', '=mail.example.com', { kind: 'exact', host: 'mail.example.com' }],
  ['https://Example.com/path?q=1#x', 'example.com', { kind: 'domain', host: 'example.com' }],
  ['http://example.com:8080/', 'example.com:8080', { kind: 'domain', host: 'example.com', port: 8080 }],
  ['wss://chat.example.com', 'chat.example.com', { kind: 'domain', host: 'chat.example.com' }],
  ['example.com/some/path', 'example.com', { kind: 'domain', host: 'example.com' }],
  ['example.com:8443', 'example.com:8443', { kind: 'domain', host: 'example.com', port: 8443 }],
  ['*.example.com:443', '*.example.com:443', { kind: 'subdomains', host: 'example.com', port: 443 }],
  ['=a.example.com:80', '=a.example.com:80', { kind: 'exact', host: 'a.example.com', port: 80 }],
  ['例え.jp', 'xn--r8jz45g.jp', { kind: 'domain', host: 'xn--r8jz45g.jp' }],
  ['аpple.com', 'xn--pple-43d.com', { kind: 'domain', host: 'xn--pple-43d.com' }], // Cyrillic а
  ['😀.com', 'xn--e28h.com', { kind: 'domain', host: 'xn--e28h.com' }],
  ['ｅｘａｍｐｌｅ.com', 'example.com', { kind: 'domain', host: 'example.com' }], // full-width
  ['bücher.de', 'xn--bcher-kva.de', { kind: 'domain', host: 'xn--bcher-kva.de' }],
  ['xn--bcher-kva.de', 'xn--bcher-kva.de', { kind: 'domain', host: 'xn--bcher-kva.de' }],
  ['foo.github.io', 'foo.github.io', { kind: 'domain', host: 'foo.github.io' }],
  ['news.bbc.co.uk', 'news.bbc.co.uk', { kind: 'domain', host: 'news.bbc.co.uk' }],
  ['intranet', 'intranet', { kind: 'domain', host: 'intranet' }],
  ['localhost:3000', 'localhost:3000', { kind: 'domain', host: 'localhost', port: 3000 }],
  ['_dmarc.example.com', '_dmarc.example.com', { kind: 'domain', host: '_dmarc.example.com' }],
  ['=co.uk', '=co.uk', { kind: 'exact', host: 'co.uk' }],
  ['10.1.2.3', '10.1.2.3', { kind: 'ip', family: 4, address: '10.1.2.3', prefix: 32 }],
  ['10.1.2.3:8080', '10.1.2.3:8080', { kind: 'ip', family: 4, address: '10.1.2.3', prefix: 32, port: 8080 }],
  ['10.1.2.3/32', '10.1.2.3', { kind: 'ip', family: 4, address: '10.1.2.3', prefix: 32 }],
  ['10.0.0.0/8', '10.0.0.0/8', { kind: 'cidr', family: 4, address: '10.0.0.0', prefix: 8 }],
  ['10.1.2.3/8', '10.0.0.0/8', { kind: 'cidr', family: 4, address: '10.0.0.0', prefix: 8 }],
  ['10.0.0.0/8:80', '10.0.0.0/8:80', { kind: 'cidr', family: 4, address: '10.0.0.0', prefix: 8, port: 80 }],
  ['192.168.1.77/28', '192.168.1.64/28', { kind: 'cidr', family: 4, address: '192.168.1.64', prefix: 28 }],
  ['0x7f.1', '127.0.0.1', { kind: 'ip', family: 4, address: '127.0.0.1', prefix: 32 }],
  ['2130706433', '127.0.0.1', { kind: 'ip', family: 4, address: '127.0.0.1', prefix: 32 }],
  ['017.0.0.1', '15.0.0.1', { kind: 'ip', family: 4, address: '15.0.0.1', prefix: 32 }], // octal, as browsers read it
  ['http://10.0.0.1/8', '10.0.0.1', { kind: 'ip', family: 4, address: '10.0.0.1', prefix: 32 }],
  ['fd00::1', 'fd00::1', { kind: 'ip', family: 6, address: 'fd00::1', prefix: 128 }],
  ['[fd00::1]', 'fd00::1', { kind: 'ip', family: 6, address: 'fd00::1', prefix: 128 }],
  ['FD00:0:0::1', 'fd00::1', { kind: 'ip', family: 6, address: 'fd00::1', prefix: 128 }],
  ['[fd00::1]:443', '[fd00::1]:443', { kind: 'ip', family: 6, address: 'fd00::1', prefix: 128, port: 443 }],
  ['fd00::1:443', 'fd00::1:443', { kind: 'ip', family: 6, address: 'fd00::1:443', prefix: 128 }], // no port unbracketed
  ['fd00::/8', 'fd00::/8', { kind: 'cidr', family: 6, address: 'fd00::', prefix: 8 }],
  ['[fd00::]/8', 'fd00::/8', { kind: 'cidr', family: 6, address: 'fd00::', prefix: 8 }],
  ['[fd12:3456::1]/16:443', '[fd12::]/16:443', { kind: 'cidr', family: 6, address: 'fd12::', prefix: 16, port: 443 }],
  ['fe80::1234/10', 'fe80::/10', { kind: 'cidr', family: 6, address: 'fe80::', prefix: 10 }],
  ['::ffff:1.2.3.4', '::ffff:102:304', { kind: 'ip', family: 6, address: '::ffff:102:304', prefix: 128 }],
  [
    'https://[2001:db8::1]:8443/x',
    '[2001:db8::1]:8443',
    { kind: 'ip', family: 6, address: '2001:db8::1', prefix: 128, port: 8443 },
  ],
];

describe('parseBypassEntry accepts and normalises', () => {
  it.each(accepted)('%s -> %s', (input, canonical, rule) => {
    const result = parseBypassEntry(input);
    expect(result).toEqual({ ok: true, rule });
    expect(formatRule(rule)).toBe(canonical);
  });

  it.each(accepted)('%s round-trips through formatRule', (input) => {
    const first = parseBypassEntry(input);
    if (!first.ok) throw new Error(first.error);
    expect(parseBypassEntry(formatRule(first.rule))).toEqual(first);
  });
});

const refused: [input: string, error: RegExp][] = [
  ['', /Enter a host name/],
  ['   ', /Enter a host name/],
  ['a b.com', /Spaces/],
  ['example.com\tx', /Control/],
  ['example.com\nevil.com', /Control/],
  ['a.com\r\n"};return "DIRECT";//', /Control/],
  ['a.com\u2028b', /Control/],
  ['ex\u200bample.com', /invisible/],
  ['\u202eexample.com', /invisible/],
  ['"};return "DIRECT";//', /Quotes/],
  ["a.com'", /Quotes/],
  ['a.com`', /Quotes/],
  ['a.com\u201d', /Quotes/],
  ['a\\.com', /Backslashes/],
  ['\\', /Backslashes/],
  ['ex%61mple.com', /Percent/],
  ['fe80::1%eth0', /Percent/],
  ['user@example.com', /@/],
  ['javascript:alert(1)', /javascript: is not a host name/],
  ['JavaScript:alert(1)', /javascript: is not a host name/],
  ['data:text/html,hi', /data: is not a host name/],
  ['file:///etc/passwd', /file: addresses cannot be bypassed/],
  ['chrome://extensions', /chrome: addresses cannot be bypassed/],
  ['*', /\*/],
  ['*.', /empty/],
  ['*.*.example.com', /\* is allowed only at the start/],
  ['a.*.example.com', /\* is allowed only at the start/],
  ['example.*', /\* is allowed only at the start/],
  ['*example.com', /\* is allowed only at the start/],
  ['=*.example.com', /either = or \*\./],
  ['*.10.0.0.1', /needs a domain name/],
  ['co.uk', /co\.uk is a public suffix; it would bypass every site under it\./],
  ['com', /com is a public suffix/],
  ['*.com', /com is a public suffix/],
  ['*.co.uk', /co\.uk is a public suffix/],
  ['github.io', /github\.io is a public suffix/],
  ['COM.', /com is a public suffix/],
  ['a..b.com', /empty part/],
  ['.example.com', /empty part/],
  [`${'a'.repeat(64)}.com`, /at most 63/],
  [`${'abcdefghi.'.repeat(30)}com`, /at most 253/],
  ['x'.repeat(2000), /too long/],
  ['a;b.com', /only letters/],
  ['a<b>.com', /only letters/],
  ['a=b.com', /only letters/],
  ['xn--zz.com', /not a valid host name/],
  ['foo.123', /not a valid host name/],
  ['1.2.3.256', /not a valid host name/],
  ['example.com:0', /between 1 and 65535/],
  ['example.com:65536', /between 1 and 65535/],
  ['example.com:-1', /between 1 and 65535/],
  ['example.com:abc', /between 1 and 65535/],
  ['example.com:', /port number is missing/],
  ['[::1]:99999', /between 1 and 65535/],
  ['10.0.0.0/0', /turn the VPN off/],
  ['10.0.0.0/33', /between 1 and 32/],
  ['fd00::/129', /between 1 and 128/],
  ['fd00::/0', /turn the VPN off/],
  ['10.0.0.0/', /prefix length is missing/],
  ['10.0.0.0/abc', /prefix length/],
  ['10.0.0.0:80/8', /after the prefix length/],
  ['fd00::/8:443', /in brackets/],
  ['example.com/8', /Only IP addresses/],
  ['[fd00::1', /\] is missing/],
  ['[fd00::1]x', /After \]/],
  ['[example.com]', /not a valid IPv6/],
  ['fd00:::1', /not a valid IPv6/],
  ['1:2:3:4:5:6:7:8:9', /not a valid IPv6/],
  ['\u0000', /Control/],
];

describe('parseBypassEntry refuses hostile or meaningless input with a reason', () => {
  it.each(refused)('%j', (input, error) => {
    const result = parseBypassEntry(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });

  it('never echoes more than the canonical host back', () => {
    const result = parseBypassEntry(`${'<script>'.repeat(50)}.com`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).not.toContain('<script>');
  });
});
