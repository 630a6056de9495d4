/** The site's locales: the same keys and placeholders everywhere, and the choice of locale per request. */
import { describe, expect, it } from 'vitest';
import { SiteClient } from '../site-client.ts';
import { PASSWORD, freshEmail, linkIn, useSiteKit } from '../site-kit.ts';
import { LOCALES, fromAcceptLanguage } from '../texts.ts';
import { en } from './en.ts';

/** Every leaf of a texts object as [path, text]. */
function leaves(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    leaves(child, path ? `${path}.${key}` : key),
  );
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('site locales', () => {
  it('German and English have exactly the same keys, each text the same placeholders', () => {
    const english = new Map(leaves(en));
    for (const [lang, texts] of Object.entries(LOCALES)) {
      const other = new Map(leaves(texts));
      expect([...other.keys()].sort(), lang).toEqual([...english.keys()].sort());
      for (const [path, text] of other) {
        expect(text.trim(), `${lang} ${path}`).not.toBe('');
        expect(placeholders(text), `${lang} ${path}`).toEqual(placeholders(english.get(path)!));
      }
    }
    expect(Object.keys(LOCALES).sort()).toEqual(['de', 'en']);
    expect(LOCALES['de']!.lang).toBe('de');
  });

  it('Accept-Language picks the best supported locale', () => {
    expect(fromAcceptLanguage(undefined)).toBeUndefined();
    expect(fromAcceptLanguage('de-DE,de;q=0.9,en;q=0.8')).toBe('de');
    expect(fromAcceptLanguage('fr-FR, de;q=0.5, en;q=0.7')).toBe('en');
    expect(fromAcceptLanguage('en;q=0.2, DE-at')).toBe('de');
    expect(fromAcceptLanguage('fr, ja')).toBeUndefined();
    expect(fromAcceptLanguage('de;q=0, en')).toBe('en');
    expect(fromAcceptLanguage('*')).toBeUndefined();
    expect(fromAcceptLanguage('constructor, toString')).toBeUndefined();
  });

  describe('on the site', () => {
    const kit = useSiteKit();

    it('German from Accept-Language, with <html lang="de">; English otherwise', async () => {
      const german = await fetch(`${kit.base}/site/signup`, { headers: { 'accept-language': 'de-DE,de;q=0.9' } });
      const html = await german.text();
      expect(html).toContain('<html lang="de">');
      expect(html).toContain('Konto erstellen');
      expect(html).toContain('Datenschutz');
      const english = await new SiteClient(kit.base).get('/site/signup');
      expect(english.html).toContain('<html lang="en">');
      expect(english.html).toContain('Create an account');
      const other = await fetch(`${kit.base}/site/login`, { headers: { 'accept-language': 'fr' } });
      expect(await other.text()).toContain('<html lang="en">');
    });

    it("?lang=de overrides Accept-Language and is kept in the page's links and forms", async () => {
      const page = await fetch(`${kit.base}/site/login?lang=de`, { headers: { 'accept-language': 'en' } });
      const html = await page.text();
      expect(html).toContain('<html lang="de">');
      expect(html).toContain('action="/site/login?lang=de"');
      expect(html).toContain('href="/site/reset?lang=de"');
      expect(html).toContain('href="/site/privacy?lang=de"');
      expect((await new SiteClient(kit.base).get('/site/account?lang=de')).headers.get('location')).toBe(
        '/site/login?lang=de',
      );
      const unknown = await new SiteClient(kit.base).get('/site/login?lang=xx');
      expect(unknown.html).toContain('<html lang="en">');
    });

    it('a German sign-up gets a German page and a German mail with the link', async () => {
      const client = new SiteClient(kit.base);
      const form = await client.get('/site/signup');
      const email = freshEmail();
      const page = await client.post(
        '/site/signup',
        { email, password: PASSWORD },
        { csrf: form.csrf, headers: { 'accept-language': 'de' } },
      );
      expect(page.status).toBe(200);
      expect(page.html).toContain('Prüfen Sie Ihre E-Mails');
      const mail = await kit.sink.waitFor(email);
      expect(mail.subject).toBe('Bestätigen Sie Ihr Zone-VPN-Konto');
      expect(linkIn(mail.text, '/site/approve')).toBeDefined();
    });

    it('error pages are in the chosen language too', async () => {
      const client = new SiteClient(kit.base);
      const page = await client.post('/site/signup?lang=de', { email: 'a@zone.test', password: 'x' }, { csrf: null });
      expect(page.status).toBe(403);
      expect(page.html).toContain('Formular abgelaufen');
    });
  });
});
