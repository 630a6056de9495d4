/**
 * Outgoing mail through a configured SMTP relay (nodemailer). Nothing here logs: the recipients of
 * the site's mails are account emails, which the service never writes to its output.
 */
import nodemailer from 'nodemailer';

export interface MailOptions {
  /** The relay, e.g. { host: 'smtp.example.org', port: 587 }; the dev sink is server/mail/sink.ts. */
  smtp: { host: string; port: number; secure?: boolean; auth?: { user: string; pass: string } };
  /** The From address, e.g. 'Zone VPN <no-reply@example.org>'. */
  from: string;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

export function createMailer(options: MailOptions): Mailer {
  const transport = nodemailer.createTransport({
    host: options.smtp.host,
    port: options.smtp.port,
    secure: options.smtp.secure ?? false,
    ...(options.smtp.auth ? { auth: options.smtp.auth } : {}),
    logger: false,
    debug: false,
  });
  return {
    async send(mail) {
      // Plain text only, no tracking, no HTML: the mail holds what it must and nothing else.
      await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close: () => transport.close(),
  };
}
