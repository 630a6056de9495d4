/**
 * Client of the provider's account service (docs/api.md). Every call has a timeout and a size
 * limit, and every answer is validated before anything trusts it; failures become UserErrors
 * with a code the UI can explain. fetch is injected so this runs in Node tests.
 */
import * as v from 'valibot';
import { UserError } from '../shared/errors';
import type { Region } from '../shared/provider-types';
import { AccountAnswer, ErrorAnswer, RegionsAnswer, SessionAnswer, TokensAnswer } from './account-schemas';
import { DirectoryAnswer, issuerFromDirectory, type IssuerInfo } from './issuer-directory';

export interface AccountApiOptions {
  baseUrl: string;
  fetch: typeof fetch;
  /** Told every request's URL as it goes out: the privacy panel's hosts (src/core/contact-log.ts). */
  onRequest?: (url: string) => void;
  timeoutMs?: number;
  maxBytes?: number;
  /** Retries after a network error or 5xx, with exponential backoff and full jitter. */
  retries?: number;
  retryBaseMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

export interface Account {
  email: string;
  plan: string;
  planExpiresAt: number | null;
}

type FullAccountApi = ReturnType<typeof createAccountApi>;
/** The client as the background uses it; test stubs may leave out the connection check. */
export type AccountApi = Omit<FullAccountApi, 'connectionCheckUrl'> &
  Partial<Pick<FullAccountApi, 'connectionCheckUrl'>>;

export function createAccountApi({
  baseUrl,
  fetch,
  onRequest = () => undefined,
  timeoutMs = 10_000,
  maxBytes = 1_000_000,
  retries = 2,
  retryBaseMs = 300,
  sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random = Math.random,
  now = Date.now,
}: AccountApiOptions) {
  const base = baseUrl.replace(/\/+$/, '');
  // After a 429 the service asked us to wait: calls before then fail at once, without a request.
  let waitUntil = 0;
  // The connection check the last region list announced (undefined: not asked yet this session).
  let checkUrl: string | null | undefined;

  async function call<S extends v.GenericSchema>(
    schema: S | null,
    method: string,
    path: string,
    opts: CallOptions = {},
  ): Promise<v.InferOutput<S>> {
    for (let attempt = 0; ; attempt++) {
      const wait = Math.ceil((waitUntil - now()) / 1000);
      if (wait > 0) throw new UserError('rateLimited', `Too many attempts. Try again in ${wait} s.`, wait);
      try {
        return await callOnce(schema, method, path, opts);
      } catch (error) {
        if (error instanceof UserError && error.code === 'rateLimited') {
          waitUntil = now() + (error.retryAfterSeconds ?? 60) * 1000;
        }
        const transient =
          error instanceof UserError && (error.code === 'serviceDown' || error.code === 'serviceUnavailable');
        if (!transient || attempt >= retries) throw error;
        await sleep(random() * retryBaseMs * 2 ** attempt);
      }
    }
  }

  async function callOnce<S extends v.GenericSchema>(
    schema: S | null,
    method: string,
    path: string,
    opts: CallOptions = {},
  ): Promise<v.InferOutput<S>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let status: number;
    let text: string;
    let retryAfter: string | null;
    try {
      onRequest(base + path);
      const res = await fetch(base + path, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: controller.signal,
        credentials: 'omit',
        cache: 'no-store',
      });
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      text = await readCapped(res, maxBytes, controller);
    } catch (error) {
      if (error instanceof UserError) throw error;
      if (controller.signal.aborted) throw new UserError('timeout', 'The account service did not answer in time.');
      throw new UserError('serviceDown', `The account service cannot be reached (${String(error)}).`);
    } finally {
      clearTimeout(timer);
    }
    if (status === 404 && opts.on404) throw opts.on404();
    if (status >= 400) throw errorFor(status, text, retryAfter, opts.on401 ?? 'sessionExpired');
    if (schema === null) return undefined as v.InferOutput<S>;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new UserError('badAnswer', `The account service sent an answer that is not JSON (${method} ${path}).`);
    }
    const parsed = v.safeParse(schema, json);
    if (!parsed.success) {
      const where = parsed.issues[0] ? (v.getDotPath(parsed.issues[0]) ?? 'answer') : 'answer';
      throw new UserError('badAnswer', `The account service sent a malformed answer (${path}: ${where}).`);
    }
    return parsed.output;
  }

  return {
    login: (email: string, password: string) =>
      call(SessionAnswer, 'POST', '/v1/sessions', { body: { email, password }, on401: 'badCredentials' }),
    logout: (token: string) => call(null, 'DELETE', '/v1/sessions/current', { token }),
    account: (token: string): Promise<Account> => call(AccountAnswer, 'GET', '/v1/account', { token }),
    regions: async (token: string): Promise<Region[]> => {
      const answer = await call(RegionsAnswer, 'GET', '/v1/regions', { token });
      checkUrl = answer.connectionCheckUrl ?? null;
      return answer.regions;
    },
    /** The provider's connection check (announced with the regions; asked for them when not yet known). */
    connectionCheckUrl: async (token: string): Promise<string | null> => {
      if (checkUrl === undefined)
        await call(RegionsAnswer, 'GET', '/v1/regions', { token }).then(
          (a) => (checkUrl = a.connectionCheckUrl ?? null),
        );
      return checkUrl ?? null;
    },
    /** The token issuer's public directory; `noTokenIssuer` from a provider that has none. */
    issuerDirectory: async (): Promise<IssuerInfo> => {
      const answer = await call(DirectoryAnswer, 'GET', '/.well-known/private-token-issuer-directory', {
        on404: () =>
          new UserError(
            'noTokenIssuer',
            'This provider does not issue anonymous access tokens (it may run an older version). Zone VPN does not fall back to credentials that tie your browsing to your account, so your traffic stays blocked.',
          ),
      });
      return issuerFromDirectory(answer, now());
    },
    /** Blind signatures for blinded token requests (the service never sees a token). */
    issueTokens: async (token: string, tokenRequests: string[]): Promise<string[]> =>
      (await call(TokensAnswer, 'POST', '/v1/tokens', { token, body: { tokenRequests } })).tokenResponses,
  };
}

interface CallOptions {
  token?: string;
  body?: unknown;
  on401?: 'badCredentials' | 'sessionExpired';
  /** The error for a 404 (an endpoint an older provider lacks). */
  on404?: () => UserError;
}

const TOO_LARGE = 'The account service sent an answer that is too large.';

/** Reads the body up to maxBytes; a larger answer is refused without reading it all. */
async function readCapped(res: Response, maxBytes: number, controller: AbortController): Promise<string> {
  if (Number(res.headers.get('content-length') ?? 0) > maxBytes) {
    controller.abort();
    throw new UserError('badAnswer', TOO_LARGE);
  }
  if (!res.body) return res.text();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      controller.abort();
      throw new UserError('badAnswer', TOO_LARGE);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

function errorFor(
  status: number,
  text: string,
  retryAfter: string | null,
  on401: 'badCredentials' | 'sessionExpired',
): UserError {
  let serverMessage = '';
  try {
    const parsed = v.safeParse(ErrorAnswer, JSON.parse(text));
    if (parsed.success) serverMessage = parsed.output.error.message.slice(0, 200);
  } catch {
    // A non-JSON error body is fine: the status says enough.
  }
  if (status === 401) {
    return on401 === 'badCredentials'
      ? new UserError('badCredentials', 'Wrong email or password.')
      : new UserError('sessionExpired', 'Your session has expired. Please log in again.');
  }
  if (status === 429) {
    const seconds = Number.parseInt(retryAfter ?? '', 10);
    const wait = Number.isFinite(seconds) && seconds > 0 ? seconds : 60;
    return new UserError('rateLimited', `Too many attempts. Try again in ${wait} s.`, wait);
  }
  // It answered, so the user's connection works: a 5xx (503 while its database is away) is the
  // provider's problem, and the UI must not suggest checking the connection or the password.
  if (status >= 500) return new UserError('serviceUnavailable', `The account service is unavailable (HTTP ${status}).`);
  return new UserError(
    'badAnswer',
    `The account service refused the request (HTTP ${status}${serverMessage ? `: ${serverMessage}` : ''}).`,
  );
}
