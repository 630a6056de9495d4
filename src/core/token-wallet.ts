/**
 * Which tokens the extension holds and which it should mint (pure; the background stores the
 * wallet in session storage only). Tokens are minted ahead of need, for the current and the next
 * epoch, for the regions in use (the chosen one and those of bypass rules), padded with other
 * regions to a whole batch: the issuer sees only how many blinded requests arrive, and a fixed
 * batch size keeps even that from saying how many regions the user uses.
 */
import type { IssuerInfo } from './issuer-directory';
import { epochOf } from './issuer-directory';
import type { AccessToken, TokenNeed } from './token-mint';

export const TOKEN_BATCH = 4;
/**
 * Tokens are picked for the epoch of a moment this far in the past: proxies accept the current and
 * the previous epoch, so a few seconds of lag absorb clock skew at an epoch's start, where running
 * ahead would be refused.
 */
export const EPOCH_LAG_MS = 5_000;

export interface TokenWallet {
  issuer: IssuerInfo;
  /** The current signing key's fingerprint, as shown to the user. */
  fingerprint: string;
  tokens: AccessToken[];
}

/** The epoch whose tokens are used now. */
export function usableEpoch(issuer: IssuerInfo, nowMs: number): number {
  return epochOf(issuer, nowMs - EPOCH_LAG_MS);
}

export function pickToken(wallet: TokenWallet | null, epoch: number, regionId: string): AccessToken | null {
  return wallet?.tokens.find((t) => t.epoch === epoch && t.regionId === regionId) ?? null;
}

/**
 * The wallet without tokens of epochs that are over and, when a proxy refused a token, without
 * every token of that token's epoch and region (they would fail the same way if its key rotated).
 */
export function pruned(wallet: TokenWallet, epoch: number, refused?: AccessToken): TokenWallet {
  return { ...wallet, tokens: wallet.tokens.filter((t) => t.epoch >= epoch && !sameSlot(t, refused)) };
}

export function sameSlot(token: AccessToken, other: AccessToken | undefined): boolean {
  return other !== undefined && token.epoch === other.epoch && token.regionId === other.regionId;
}

/**
 * What to mint now: for `epochs`, each region in use that has no token, padded with other offered
 * regions (then repeats) to a multiple of TOKEN_BATCH per epoch that needs anything.
 */
export function tokensNeeded(
  wallet: TokenWallet | null,
  epochs: number[],
  inUse: string[],
  offered: string[],
): TokenNeed[] {
  const needs: TokenNeed[] = [];
  for (const epoch of epochs) {
    const missing = [...new Set(inUse)].filter((regionId) => !pickToken(wallet, epoch, regionId));
    if (missing.length === 0) continue;
    const padding = offered.filter((id) => !missing.includes(id) && !pickToken(wallet, epoch, id));
    const batch = Math.ceil(missing.length / TOKEN_BATCH) * TOKEN_BATCH;
    const regions = [...missing, ...padding];
    for (let i = 0; regions.length > 0 && i < batch; i++) {
      needs.push({ epoch, regionId: regions[i % regions.length] as string });
    }
  }
  return needs;
}
