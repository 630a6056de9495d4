/**
 * Keeps the background supplied with access tokens: fetched ahead of need (after sign-in, and on
 * a schedule, once per epoch at a random moment, whether or not the user browses), so Connect and
 * a proxy's challenge normally need no account-service round trip. One fetch serves every need
 * that arrives while it runs; failed fetches back off exponentially with jitter, so
 * a failing service sees one request per back-off step (0.5 s doubling to 8 s: short enough that
 * traffic resumes within seconds of the service coming back), never one per challenged request.
 *
 * The network part (`fetchWallet`) never touches the operation queue: Connect runs inside the
 * queue and stores the wallet itself, the challenge and the schedule store it through the queue.
 */
import { acceptIssuer, keyFingerprint } from '../core/issuer-directory';
import { mintTokens, type AccessToken } from '../core/token-mint';
import { pickToken, pruned, sameSlot, tokensNeeded, usableEpoch, type TokenWallet } from '../core/token-wallet';
import { UserError } from '../shared/errors';
import type { ControllerContext } from './controller-context';
import type { State } from './stored-state';

const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 8_000;

export interface TokenSupplyOptions {
  random?: () => number;
  /** Asks to be woken at this time (epoch ms) to fetch the next epoch's tokens (browser alarms). */
  schedule?: (atMs: number) => void;
}

/** The regions whose tokens are needed: the chosen one, those of bypass rules and of containers, if offered. */
function regionsInUse(s: State, extra?: string): string[] {
  const offered = new Set(s.regions.map((r) => r.id));
  const containers = Object.values(s.containers).map((c) => (c === 'direct' ? undefined : c.regionId));
  const wanted = [extra, s.regionId ?? s.regions[0]?.id, ...s.bypass.map((e) => e.regionId), ...containers];
  return [...new Set(wanted.filter((id): id is string => id !== undefined && offered.has(id)))];
}

export function createTokenSupply(
  ctx: Pick<ControllerContext, 'state' | 'update' | 'serial' | 'api' | 'now' | 'sessionExpired'>,
  { random = Math.random, schedule }: TokenSupplyOptions = {},
) {
  let inFlight: { session: string; wallet: Promise<TokenWallet> } | null = null;
  let failures = 0;
  let retryAt = 0;
  let lastError: UserError | null = null;

  async function fetchOnce(
    session: string,
    extra: string | undefined,
    refused: AccessToken | undefined,
    /** A wallet just fetched but not yet kept: what it holds counts as held. */
    joined: TokenWallet | undefined,
    /** Also the next epoch's (a top-up); a need that arises now asks for the current epoch only. */
    ahead: boolean,
  ): Promise<TokenWallet> {
    const api = await ctx.api();
    const s = await ctx.state();
    const base = joined ?? s.tokens;
    const issuer = acceptIssuer(base?.issuer ?? null, await api.issuerDirectory());
    const now = ctx.now();
    const epoch = usableEpoch(issuer, now);
    const held: TokenWallet = base
      ? pruned({ ...base, issuer }, epoch, refused)
      : { issuer, fingerprint: '', tokens: [] };
    const needs = tokensNeeded(
      held,
      ahead ? [epoch, epoch + 1] : [epoch],
      regionsInUse(s, extra),
      s.regions.map((r) => r.id),
    );
    const minted = await mintTokens(issuer, needs, (requests) => api.issueTokens(session, requests), now);
    const fingerprint = await keyFingerprint(issuer.keys[0]?.key ?? '');
    return { issuer, fingerprint, tokens: [...held.tokens, ...minted] };
  }

  /** The wallet with what is missing minted; shared by all callers of the same session meanwhile. */
  function fetchWallet(
    session: string,
    options: {
      extra?: string;
      refused?: AccessToken;
      userAction?: boolean;
      joined?: TokenWallet;
      ahead?: boolean;
    } = {},
  ): Promise<TokenWallet> {
    if (inFlight?.session === session && !options.refused) {
      const { extra } = options;
      // The fetch in flight may have been for other regions (a top-up before a region switch):
      // if it brings none for `extra`, one more fetch does.
      return inFlight.wallet.then((wallet) =>
        !extra || pickToken(wallet, usableEpoch(wallet.issuer, ctx.now()), extra)
          ? wallet
          : fetchWallet(session, { ...options, joined: wallet }),
      );
    }
    const wait = retryAt - ctx.now();
    if (wait > 0 && !options.userAction && lastError) return Promise.reject(lastError);
    const wallet = fetchOnce(session, options.extra, options.refused, options.joined, options.ahead ?? false).then(
      (result) => {
        failures = 0;
        retryAt = 0;
        lastError = null;
        scheduleNext(result);
        return result;
      },
      async (error: unknown) => {
        failures += 1;
        const step = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (failures - 1));
        retryAt = ctx.now() + step / 2 + (random() * step) / 2;
        lastError = error instanceof UserError ? error : new UserError('internal', String(error));
        // Not awaited: it queues behind the operation that may be waiting for this (Connect).
        if (lastError.code === 'sessionExpired') void ctx.sessionExpired(session, lastError);
        throw lastError;
      },
    );
    const entry = { session, wallet };
    inFlight = entry;
    void wallet
      .catch(() => undefined)
      .finally(() => {
        if (inFlight === entry) inFlight = null;
      });
    return wallet;
  }

  /**
   * When to fetch again, at a random moment: still in this epoch when the next epoch's tokens are
   * missing (a need-driven fetch took this epoch's only), else in the next epoch (for the one after).
   */
  function scheduleNext(wallet: TokenWallet): void {
    if (!schedule) return;
    const { epochSeconds, clockOffsetMs } = wallet.issuer;
    const epochMs = epochSeconds * 1000;
    const epoch = usableEpoch(wallet.issuer, ctx.now());
    const nextStart = (epoch + 1) * epochMs - clockOffsetMs;
    const nextHeld = wallet.tokens.some((t) => t.epoch === epoch + 1);
    if (!nextHeld) schedule(ctx.now() + random() * 0.9 * Math.max(0, nextStart - ctx.now()));
    else schedule(nextStart + random() * 0.75 * epochMs);
  }

  /** Keeps a fetched wallet if the session that asked is still the current one (inside the queue). */
  async function keep(session: string, wallet: TokenWallet, refused?: AccessToken): Promise<TokenWallet | null> {
    const s = await ctx.state();
    if (s.session?.token !== session) return null;
    const known = new Set(wallet.tokens.map((t) => t.token));
    const epoch = usableEpoch(wallet.issuer, ctx.now());
    const fresh = (s.tokens?.tokens ?? []).filter(
      (t) => !known.has(t.token) && t.epoch >= epoch && !sameSlot(t, refused),
    );
    const merged = { ...wallet, tokens: [...wallet.tokens, ...fresh] };
    await ctx.update({ tokens: merged });
    return merged;
  }

  return {
    /**
     * A token for `regionId` now, fetching (inside the operation queue: for Connect) only when none
     * is held. Throws the fetch's UserError.
     */
    async tokenForConnect(regionId: string): Promise<AccessToken> {
      const s = await ctx.state();
      if (!s.session) throw new UserError('notSignedIn', 'Log in first.');
      const held = s.tokens && pickToken(s.tokens, usableEpoch(s.tokens.issuer, ctx.now()), regionId);
      if (held) return held;
      const wallet = await keep(
        s.session.token,
        await fetchWallet(s.session.token, { extra: regionId, userAction: true }),
      );
      const token = wallet && pickToken(wallet, usableEpoch(wallet.issuer, ctx.now()), regionId);
      if (!token) throw new UserError('badIssuer', 'The provider issued no token for this region.');
      return token;
    },

    /**
     * A token for a proxy challenge (outside the queue). `refused`: the token the browser just sent
     * was refused, so it is dropped and a fresh one minted. Null when none can be had (the error is
     * in `lastProblem`).
     */
    async tokenForChallenge(regionId: string, refused?: AccessToken): Promise<AccessToken | null> {
      const s = await ctx.state();
      if (!s.session) return null;
      if (!refused && s.tokens) {
        const held = pickToken(s.tokens, usableEpoch(s.tokens.issuer, ctx.now()), regionId);
        if (held) return held;
      }
      const session = s.session.token;
      try {
        const fetched = await fetchWallet(session, { extra: regionId, ...(refused ? { refused } : {}) });
        const wallet = await ctx.serial(() => keep(session, fetched, refused));
        return wallet && pickToken(wallet, usableEpoch(wallet.issuer, ctx.now()), regionId);
      } catch {
        return null;
      }
    },

    /** Tops the wallet up for the current and next epoch (after sign-in, on wake, on schedule). */
    async topUp(): Promise<void> {
      const s = await ctx.state();
      if (!s.session) return;
      const session = s.session.token;
      const fetched = await fetchWallet(session, { ahead: true });
      await ctx.serial(() => keep(session, fetched));
    },

    /** Why the last fetch failed, while its back-off lasts. */
    lastProblem(): UserError | null {
      return retryAt > ctx.now() ? lastError : null;
    },
  };
}
