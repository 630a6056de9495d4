/**
 * Tests' issuer and tokens without an account service: a real TokenIssuer (node:crypto) and the
 * extension's real client code (src/core/token-mint.ts). Keys are generated once per process.
 */
import { mintTokens } from '../../src/core/token-mint.ts';
import type { IssuerInfo } from '../../src/core/issuer-directory.ts';
import { TokenIssuer } from './issuer.ts';
import { generateIssuerKeyPem, issuerKeyFromPem } from './issuer-key.ts';
import type { IssuerKey } from './issuer-key.ts';
import { epochAt } from './token-format.ts';

const keys: IssuerKey[] = [];
/** The n-th test key of this process (0, 1, ...), generated on first use. */
export function testKey(n: number): IssuerKey {
  while (keys.length <= n) keys.push(issuerKeyFromPem(generateIssuerKeyPem()));
  return keys[n] as IssuerKey;
}

export interface TestIssuer {
  name: string;
  epochSeconds: number;
  issuer: TokenIssuer;
  /** The directory as a proxy or the Squid helper reads it. */
  directory: ReturnType<TokenIssuer['directory']>;
  epochNow(): number;
  /** Tokens as Basic credentials, minted through the real client and this issuer. */
  mint(needs: Array<{ regionId: string; epoch?: number }>): Promise<Array<{ username: string; password: string }>>;
}

export function testIssuer(options: { name?: string; epochSeconds?: number; key?: number } = {}): TestIssuer {
  const issuer = new TokenIssuer({
    name: options.name ?? 'zone-vpn',
    epochSeconds: options.epochSeconds ?? 3600,
    keys: [testKey(options.key ?? 0)],
  });
  const info: IssuerInfo = {
    name: issuer.name,
    epochSeconds: issuer.epochSeconds,
    clockOffsetMs: 0,
    keys: issuer.publishedKeys().map((key) => ({ key: key.toString('base64url'), notBefore: 0 })),
  };
  const epochNow = () => epochAt(Date.now(), issuer.epochSeconds);
  return {
    name: issuer.name,
    epochSeconds: issuer.epochSeconds,
    issuer,
    directory: issuer.directory(Date.now()),
    epochNow,
    async mint(needs) {
      const tokens = await mintTokens(
        info,
        needs.map((need) => ({ regionId: need.regionId, epoch: need.epoch ?? epochNow() })),
        async (requests) => requests.map((request) => issuer.sign(request).toString('base64url')),
        Date.now(),
      );
      return tokens.map((t) => ({ username: t.username, password: t.token }));
    },
  };
}
