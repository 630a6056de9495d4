/**
 * "What sites see": asks the provider's HTTPS connection check (docs/api.md), through the proxy like
 * any page, which address the request arrived from and that address's country. Run on the user's
 * action only, never in the background. The answer is checked before it is shown: an address, and
 * an ISO country code or null; anything else is a clear error.
 */
import * as v from 'valibot';
import { UserError } from '../shared/errors';
import type { SeenAddress } from '../shared/provider-types';

const CheckAnswer = v.object({
  ip: v.pipe(v.string(), v.ip()),
  country: v.nullable(v.pipe(v.string(), v.regex(/^[A-Z]{2}$/))),
});

const MAX_BYTES = 4096;

export async function checkConnection(
  url: string,
  { fetch, timeoutMs = 10_000 }: { fetch: typeof globalThis.fetch; timeoutMs?: number },
): Promise<SeenAddress> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  let text: string;
  try {
    const res = await fetch(url, { credentials: 'omit', cache: 'no-store', signal: abort.signal });
    if (!res.ok) throw new UserError('badAnswer', `The connection check answered HTTP ${res.status}.`);
    text = await res.text();
  } catch (error) {
    if (error instanceof UserError) throw error;
    if (abort.signal.aborted) throw new UserError('timeout', 'The connection check did not answer in time.');
    throw new UserError('serviceDown', `The connection check cannot be reached (${String(error)}).`);
  } finally {
    clearTimeout(timer);
  }
  if (text.length > MAX_BYTES)
    throw new UserError('badAnswer', 'The connection check sent an answer that is too large.');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UserError('badAnswer', 'The connection check sent an answer that is not JSON.');
  }
  const parsed = v.safeParse(CheckAnswer, json);
  if (!parsed.success) throw new UserError('badAnswer', 'The connection check sent a malformed answer.');
  return { ip: parsed.output.ip, country: parsed.output.country };
}
