/** What to tell the user about a failure: a localized title and what to do about it. */
import type { ErrorCode } from '../shared/errors';
import { t, type MessageKey } from './i18n';

export interface ErrorText {
  title: string;
  fix: string;
  /** The background's own sentence, shown as detail where it says more than the title. */
  detail: string | null;
}

// The background's message is English and technical; it is shown only where it names something
// the user can check (an address, an HTTP status, the invalid entry).
const SHOW_DETAIL: ReadonlySet<ErrorCode> = new Set(['badAnswer', 'invalidInput', 'internal']);

/** The wait in seconds from a rate-limit message ("… Try again in 42 s."), if it names one. */
export function waitSeconds(message: string): number | null {
  const match = /(\d+)\s*s\b/.exec(message);
  return match ? Number(match[1]) : null;
}

/** The HTTP status the background names in its message ("… failed (HTTP 500)."), if any. */
export function httpStatus(message: string): number | null {
  const match = /\bHTTP (\d{3})\b/.exec(message);
  return match ? Number(match[1]) : null;
}

export function errorText(error: { code: ErrorCode; message: string; retryAfterSeconds?: number }): ErrorText {
  // A 5xx (serviceUnavailable) names its status: a 503 is maintenance or a database away, the
  // rest an error on the provider's side; neither is the user's network (serviceDown).
  const status = error.code === 'serviceDown' || error.code === 'serviceUnavailable' ? httpStatus(error.message) : null;
  if (status === 503) return { title: t('error_serviceUnavailable'), fix: t('fix_serviceUnavailable'), detail: null };
  if (status !== null) {
    return { title: t('error_serviceFailed', String(status)), fix: t('fix_serviceFailed'), detail: null };
  }
  const title = t(`error_${error.code}` as MessageKey);
  const wait = error.code === 'rateLimited' ? (error.retryAfterSeconds ?? waitSeconds(error.message)) : null;
  const fix = wait !== null ? t('fix_rateLimitedWait', String(wait)) : t(`fix_${error.code}` as MessageKey);
  return { title, fix, detail: SHOW_DETAIL.has(error.code) ? error.message : null };
}
