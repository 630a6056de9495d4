/**
 * Key rotation: the directory lists the current key and the announced next one; clients sign with
 * the next key once its not-before has passed (on the server's clock), and proxies that hold both
 * keys accept tokens of either; the client accepts the new directory because it shares a key.
 */
import { describe, expect, it } from 'vitest';
import { acceptIssuer, DirectoryAnswer, issuerFromDirectory, signingKey } from '../../src/core/issuer-directory.ts';
import { mintTokens } from '../../src/core/token-mint.ts';
import * as v from 'valibot';
import { TokenIssuer } from './issuer.ts';
import { issuerKeyFromPem } from './issuer-key.ts';
import { testKey } from './test-tokens.ts';
import { createTokenVerifier } from './verifier.ts';

describe('issuer key rotation', () => {
  const now = Date.now();
  const current = testKey(0);
  // A next key whose truncated key id differs from the current one's, as the issuer requires.
  const lastByte = (n: number) => testKey(n).keyId[31];
  const nextIndex = [1, 2, 3].find((n) => lastByte(n) !== lastByte(0))!;
  const nextPem = testKey(nextIndex).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const directoryOf = (issuer: TokenIssuer) =>
    issuerFromDirectory(v.parse(DirectoryAnswer, issuer.directory(now)), now);

  it('signs with the current key until the next one is due, then with the next; proxies accept both', async () => {
    const before = new TokenIssuer({ name: 'zone-vpn', epochSeconds: 3600, keys: [current] });
    const announced = new TokenIssuer({
      name: 'zone-vpn',
      epochSeconds: 3600,
      keys: [current, issuerKeyFromPem(nextPem, Math.floor(now / 1000) + 60)],
    });
    const due = new TokenIssuer({
      name: 'zone-vpn',
      epochSeconds: 3600,
      keys: [current, issuerKeyFromPem(nextPem, Math.floor(now / 1000) - 60)],
    });
    const held = directoryOf(before);
    const pending = acceptIssuer(held, directoryOf(announced)); // shares the current key: accepted
    expect(signingKey(pending, now)).toBe(current.published.toString('base64url'));
    const active = acceptIssuer(pending, directoryOf(due));
    expect(signingKey(active, now)).toBe(testKey(nextIndex).published.toString('base64url'));

    const verify = createTokenVerifier({
      keys: due.publishedKeys(),
      issuerName: 'zone-vpn',
      epochSeconds: 3600,
      regionId: 'r',
    });
    const epoch = Math.floor(now / 1000 / 3600);
    for (const [issuer, info] of [
      [announced, pending],
      [due, active],
    ] as const) {
      const [token] = await mintTokens(
        info,
        [{ epoch, regionId: 'r' }],
        async (rs) => rs.map((r) => issuer.sign(r).toString('base64url')),
        now,
      );
      expect(verify(token!.username, token!.token)).toBe(true);
    }
  });

  it('a directory that drops the held key for one never announced is refused', () => {
    const held = directoryOf(new TokenIssuer({ name: 'zone-vpn', epochSeconds: 3600, keys: [current] }));
    const swapped = directoryOf(new TokenIssuer({ name: 'zone-vpn', epochSeconds: 3600, keys: [testKey(nextIndex)] }));
    expect(() => acceptIssuer(held, swapped)).toThrow(/never announced/);
  });
});

describe('issuer keys', () => {
  it('two keys with the same truncated key id are refused (requests could not name their key)', () => {
    const a = testKey(0);
    const twin = { ...testKey(1), keyId: Buffer.concat([testKey(1).keyId.subarray(0, 31), a.keyId.subarray(31)]) };
    expect(() => new TokenIssuer({ name: 'zone-vpn', epochSeconds: 3600, keys: [a, twin] })).toThrow(
      /truncated key id/,
    );
  });
});
