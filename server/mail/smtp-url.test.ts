import { describe, expect, it } from 'vitest';
import { smtpFromUrl } from './smtp-url.ts';

describe('smtpFromUrl', () => {
  it('reads host, port, TLS mode and credentials', () => {
    expect(smtpFromUrl('smtp://127.0.0.1:2525')).toEqual({ host: '127.0.0.1', port: 2525, secure: false });
    expect(smtpFromUrl('smtp://relay.example.org')).toEqual({ host: 'relay.example.org', port: 587, secure: false });
    expect(smtpFromUrl('smtps://u%40x:p%3Aw@relay.example.org')).toEqual({
      host: 'relay.example.org',
      port: 465,
      secure: true,
      auth: { user: 'u@x', pass: 'p:w' },
    });
    expect(smtpFromUrl('smtp://[::1]:25').host).toBe('::1');
  });

  it('refuses what is not an SMTP URL, without echoing a password', () => {
    expect(() => smtpFromUrl('relay.example.org')).toThrow(/must be a URL/);
    expect(() => smtpFromUrl('http://u:secret@relay.example.org')).toThrow(/smtp:\/\//);
    expect(() => smtpFromUrl('http://u:secret@relay.example.org')).not.toThrow(/secret/);
  });
});
