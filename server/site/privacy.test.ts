/**
 * The privacy and contact pages: every promise cites a test that exists, every page links both,
 * and the site keeps its "no logs" promise for its own output.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { startTestProvider } from '../test-support.ts';
import { PRIVACY_PROMISES } from './privacy.ts';
import { SiteClient } from './site-client.ts';
import { PASSWORD, freshEmail, linkIn, useSiteKit } from './site-kit.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('privacy and contact pages', () => {
  const kit = useSiteKit();

  it('every promise cites tests that exist under that name in that file', async () => {
    for (const { id, proofs } of PRIVACY_PROMISES) {
      expect(proofs.length, id).toBeGreaterThan(0);
      for (const { file, test } of proofs) {
        const source = await readFile(ROOT + file, 'utf8');
        const quoted = [`'${test}'`, `"${test}"`, `\`${test}\``];
        expect(
          quoted.some((q) => source.includes(q)),
          `${file}: ${test}`,
        ).toBe(true);
      }
    }
  });

  it('the privacy page states each promise with its tests; the contact page shows the default address', async () => {
    const client = new SiteClient(kit.base);
    const privacy = await client.get('/site/privacy');
    expect(privacy.status).toBe(200);
    for (const { proofs } of PRIVACY_PROMISES) {
      for (const { file } of proofs) expect(privacy.html).toContain(file);
    }
    expect(privacy.html).toContain('blind-signed tokens');
    const contact = await client.get('/site/contact');
    expect(contact.status).toBe(200);
    expect(contact.html).toContain('mailto:support@zone.test');
    expect(client.setCookies).toEqual([]);
  });

  it('every page links the privacy policy and contact in its footer', async () => {
    const paths = ['/site/signup', '/site/login', '/site/reset', '/site/privacy', '/site/contact', '/site/approve'];
    for (const path of paths) {
      const page = await new SiteClient(kit.base).get(path);
      expect(page.html, path).toMatch(/<footer>.*href="\/site\/privacy".*href="\/site\/contact".*<\/footer>/s);
    }
  });

  it('the contact address comes from the configuration', async () => {
    const provider = await startTestProvider({ contactEmail: 'help@provider.example' });
    try {
      const page = await new SiteClient(provider.accountUrl).get('/site/contact');
      expect(page.html).toContain('mailto:help@provider.example');
      expect(page.html).not.toContain('support@zone.test');
    } finally {
      await provider.dispose();
    }
  });

  it('the site prints no address while it signs up, approves and resets', async () => {
    const printed: string[] = [];
    const capture = (chunk: unknown): boolean => {
      printed.push(String(chunk));
      return true;
    };
    const spies = [
      vi.spyOn(process.stdout, 'write').mockImplementation(capture),
      vi.spyOn(process.stderr, 'write').mockImplementation(capture),
      ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((name) =>
        vi.spyOn(console, name).mockImplementation((...args: unknown[]) => void printed.push(args.join(' '))),
      ),
    ];
    const email = freshEmail();
    try {
      await kit.signUp(email);
      expect((await kit.approve(email)).status).toBe(200);
      const client = new SiteClient(kit.base);
      await kit.siteLogin(client, email, PASSWORD);
      const form = await client.get('/site/reset');
      await client.post('/site/reset', { email }, { csrf: form.csrf });
      await vi.waitFor(() => expect(kit.mailsTo(email).length).toBe(2));
      expect(linkIn(kit.mailsTo(email)[1]!.text, '/site/reset/confirm')).toBeDefined();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(printed.join('\n')).not.toContain(email);
  });
});
