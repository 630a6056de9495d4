/**
 * The unlinkability audit's two halves (docs/security.md): a recorder in front of the account
 * service that keeps every byte it was sent and answered, and the search for any proxy credential
 * in what the account service saw or stored. A credential is linked if its username, its token or
 * any part of the token that a blind issuer never sees (nonce, signature, the token's hash) appears
 * in the account service's traffic or database, in any common encoding.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Exchange {
  method: string;
  path: string;
  requestHeaders: string;
  requestBody: string;
  responseBody: string;
}

/** A plain-HTTP recorder in front of `target` (the account service). Test-only handlers may be added. */
export async function startRecordingFront(
  target: string,
  extra?: (path: string, body: string) => string | undefined,
): Promise<{ url: string; seen: Exchange[]; close(): Promise<void> }> {
  const seen: Exchange[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const requestBody = Buffer.concat(chunks).toString('latin1');
    const record: Exchange = {
      method: req.method ?? '',
      path: req.url ?? '',
      requestHeaders: JSON.stringify(req.headers),
      requestBody,
      responseBody: '',
    };
    seen.push(record);
    const own = extra?.(record.path, requestBody);
    if (own !== undefined) {
      record.responseBody = own;
      res.writeHead(200, { 'content-type': 'application/json' }).end(own);
      return;
    }
    const headers = { ...req.headers };
    delete headers['content-length'];
    const answer = await fetch(new URL(record.path, target), {
      method: record.method,
      headers: headers as Record<string, string>,
      body: ['GET', 'HEAD'].includes(record.method) ? undefined : Buffer.from(requestBody, 'latin1'),
    });
    const body = Buffer.from(await answer.arrayBuffer());
    record.responseBody = body.toString('latin1');
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Every spelling of a byte string the audit looks for. */
function spellings(bytes: Buffer): string[] {
  return [bytes.toString('hex'), bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('latin1')];
}

/** The pieces of a proxy credential that must not appear in what the issuer saw or stored. */
export function credentialMarks(credential: { username: string; password: string }): string[] {
  const marks = [credential.username, credential.password];
  const token = Buffer.from(credential.password, 'base64url');
  if (token.length === 354) {
    marks.push(
      ...spellings(token.subarray(2, 34)), // nonce
      ...spellings(token.subarray(98)), // signature
      ...spellings(createHash('sha256').update(token).digest()), // the token's hash
    );
  }
  // Sixteen characters or more: shorter strings match by chance in binary data.
  return marks.filter((mark) => mark.length >= 16);
}

/** The credentials whose marks appear in the haystack (the account service's view). */
export function linkedCredentials(
  proxySaw: Array<{ username: string; password: string }>,
  serviceSaw: Exchange[],
  stored: Buffer,
): string[] {
  const text = serviceSaw
    .map((e) => `${e.method} ${e.path}\n${e.requestHeaders}\n${e.requestBody}\n${e.responseBody}`)
    .join('\n');
  const storedText = stored.toString('latin1');
  return proxySaw
    .filter((credential) =>
      credentialMarks(credential).some((mark) => text.includes(mark) || storedText.includes(mark)),
    )
    .map((credential) => credential.username);
}
