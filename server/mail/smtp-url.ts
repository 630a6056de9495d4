/**
 * The relay as one setting: smtp://[user:password@]host[:port] (STARTTLS when offered, port 587 by
 * default) or smtps://… (TLS from the start, port 465). The CLI reads it from ZONE_SMTP_URL, so a
 * password never shows in the process list.
 */
import type { MailOptions } from './mailer.ts';

export function smtpFromUrl(value: string): MailOptions['smtp'] {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('The SMTP relay must be a URL: smtp://[user:password@]host[:port] or smtps://…');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error(`The SMTP relay URL must start with smtp:// or smtps://, not ${url.protocol}//`);
  }
  if (!url.hostname) throw new Error('The SMTP relay URL has no host');
  const secure = url.protocol === 'smtps:';
  const user = decodeURIComponent(url.username);
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(user ? { auth: { user, pass: decodeURIComponent(url.password) } } : {}),
  };
}
