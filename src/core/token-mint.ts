/**
 * Mints access tokens with the provider's issuer (Privacy Pass, RFC 9578 type 2, Blind RSA;
 * @cloudflare/privacypass-ts, imported by deep path so the bundle skips its VOPRF half). For each
 * (epoch, region) the extension builds the challenge the region's proxies expect, blinds a token
 * request, sends only the blinded requests, and unblinds the answers locally; the library checks
 * every signature before it yields a token, so an answer that does not verify is refused.
 *
 * Challenge = TokenChallenge(2, issuer name, SHA-256("zone-vpn epoch:" + epoch), [regionId]),
 * exactly as the proxies rebuild it (server/tokens/token-format.ts).
 */
import { Client, BlindRSAMode, TokenResponse } from '@cloudflare/privacypass-ts/lib/src/pub_verif_token.js';
import { TokenChallenge } from '@cloudflare/privacypass-ts/lib/src/auth_scheme/private_token.js';
import { base64url } from 'rfc4648';
import { UserError } from '../shared/errors';
import { signingKey, type IssuerInfo } from './issuer-directory';

export interface TokenNeed {
  epoch: number;
  regionId: string;
}

/** One token as the background keeps it (session storage only). */
export interface AccessToken extends TokenNeed {
  /** Basic-auth username: 16 hex of SHA-256(token bytes). */
  username: string;
  /** Basic-auth password: the token, base64url without padding (472 characters). */
  token: string;
}

/** Sends blinded requests (base64url) with the session token; answers blind signatures (base64url). */
export type IssueCall = (tokenRequests: string[]) => Promise<string[]>;

const SIGNATURE_TEXT = /^[A-Za-z0-9_-]{342,344}$/; // 256 bytes

const encoder = new TextEncoder();

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
}

export async function challengeFor(issuer: IssuerInfo, need: TokenNeed): Promise<TokenChallenge> {
  const context = await sha256(encoder.encode(`zone-vpn epoch:${need.epoch}`));
  return new TokenChallenge(2, issuer.name, context, [need.regionId]);
}

export async function usernameOf(tokenBytes: Uint8Array): Promise<string> {
  const digest = await sha256(tokenBytes);
  return Array.from(digest.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

function refused(why: string): UserError {
  return new UserError('badIssuer', `The provider's token issuer sent something Zone VPN does not trust: ${why}.`);
}

/** One round trip to the issuer for all `needs`; every token verified before it is returned. */
export async function mintTokens(
  issuer: IssuerInfo,
  needs: TokenNeed[],
  issue: IssueCall,
  nowMs: number,
): Promise<AccessToken[]> {
  if (needs.length === 0) return [];
  const key = base64url.parse(signingKey(issuer, nowMs), { loose: true });
  const clients = await Promise.all(
    needs.map(async (need) => {
      const client = new Client(BlindRSAMode.PSS);
      const request = await client.createTokenRequest(await challengeFor(issuer, need), key);
      return { client, request: base64url.stringify(request.serialize(), { pad: false }) };
    }),
  );
  const signatures = await issue(clients.map((c) => c.request));
  if (signatures.length !== clients.length)
    throw refused(`${signatures.length} signatures for ${clients.length} requests`);
  return Promise.all(
    clients.map(async ({ client }, i) => {
      const text = signatures[i] ?? '';
      if (!SIGNATURE_TEXT.test(text)) throw refused('a signature of the wrong length');
      let bytes: Uint8Array;
      try {
        const signature = base64url.parse(text, { loose: true });
        if (signature.length !== 256) throw new Error('length');
        bytes = (await client.finalize(new TokenResponse(signature))).serialize();
      } catch {
        throw refused('a signature that does not verify');
      }
      const need = needs[i] as TokenNeed;
      return { ...need, username: await usernameOf(bytes), token: base64url.stringify(bytes, { pad: false }) };
    }),
  );
}
