import { describe, expect, it } from 'vitest';
import { hostileCases } from './hostile-tokens.ts';
import { testIssuer } from './test-tokens.ts';
import { createTokenVerifier } from './verifier.ts';

const REGION = 'de-fra';

function verifierAt(issuer: ReturnType<typeof testIssuer>, clock: { now: number }) {
  return createTokenVerifier({
    keys: issuer.issuer.publishedKeys(),
    issuerName: issuer.issuer.name,
    epochSeconds: issuer.issuer.epochSeconds,
    regionId: REGION,
    now: () => clock.now,
  });
}

describe('token verifier', () => {
  const issuer = testIssuer({ epochSeconds: 60 });

  it('accepts a token minted by the real client for this region and epoch', async () => {
    const [token] = await issuer.mint([{ regionId: REGION }]);
    const verify = verifierAt(issuer, { now: Date.now() });
    expect(verify(token!.username, token!.password)).toBe(true);
    expect(verify(token!.username, token!.password)).toBe(true); // from the cache
  });

  it('refuses every hostile case (at least 40), and still accepts a valid token after them', async () => {
    const clock = { now: Date.now() };
    const verify = verifierAt(issuer, clock);
    const cases = await hostileCases(issuer, REGION);
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const accepted = cases.filter((c) => verify(c.username, c.password)).map((c) => c.name);
    expect(accepted).toEqual([]);
    const [token] = await issuer.mint([{ regionId: REGION }]);
    // The same verifier, its clock moved to now: the cases take about a second, and a token
    // minted in the next epoch would be one from the future at the old time (seen: a rare failure).
    clock.now = Date.now();
    expect(verify(token!.username, token!.password)).toBe(true);
  });

  it('accepts the previous epoch, refuses a token two epochs old, also from the cache', async () => {
    const clock = { now: Date.now() };
    const [token] = await issuer.mint([{ regionId: REGION }]);
    const verify = verifierAt(issuer, clock);
    expect(verify(token!.username, token!.password)).toBe(true);
    clock.now += 60_000; // next epoch: the previous one is still accepted
    expect(verify(token!.username, token!.password)).toBe(true);
    clock.now += 60_000; // two epochs later: refused, although it was cached
    expect(verify(token!.username, token!.password)).toBe(false);
  });

  it('a positive check is never cached for a wrong username', async () => {
    const [token, other] = await issuer.mint([{ regionId: REGION }, { regionId: REGION }]);
    const verify = verifierAt(issuer, { now: Date.now() });
    expect(verify(token!.username, token!.password)).toBe(true);
    expect(verify(other!.username, token!.password)).toBe(false);
  });
});
