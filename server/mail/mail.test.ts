import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMailer } from './mailer.ts';
import type { Mailer } from './mailer.ts';
import { startMailSink } from './sink.ts';
import type { MailSink } from './sink.ts';

describe('mail through a real SMTP sink on loopback', () => {
  let sink: MailSink;
  let mailer: Mailer;

  beforeAll(async () => {
    sink = await startMailSink();
    mailer = createMailer({ smtp: { host: sink.host, port: sink.port }, from: 'Zone VPN <no-reply@zone.test>' });
  });
  afterAll(async () => {
    mailer?.close();
    await sink?.close();
  });

  it('delivers a plain-text mail whose long lines and non-ASCII text read back intact', async () => {
    const log = vi.spyOn(console, 'log');
    const link = `http://127.0.0.1:1/site/approve?token=${'A'.repeat(43)}&x=${'b'.repeat(60)}`;
    await mailer.send({ to: 'reader@zone.test', subject: 'Grüße', text: `Open ${link}\nÄrger = 0` });
    const mail = await sink.waitFor('reader@zone.test');
    expect(mail.to).toEqual(['reader@zone.test']);
    expect(mail.subject).toBe('Grüße');
    expect(mail.text).toContain(link);
    expect(mail.text).toContain('Ärger = 0');
    expect(log).not.toHaveBeenCalled();
  });

  it('reads back a long non-ASCII subject that nodemailer splits into several encoded words', async () => {
    const subject = 'Bestätigen Sie Ihr Zone-VPN-Konto – äöü ß '.repeat(4).trim();
    await mailer.send({ to: 'subject@zone.test', subject, text: 'x' });
    expect((await sink.waitFor('subject@zone.test')).subject).toBe(subject);
  });

  it('waitFor times out with a clear error when nothing arrives', async () => {
    await expect(sink.waitFor('nobody@zone.test', 50)).rejects.toThrow(/No mail arrived/);
  });
});
