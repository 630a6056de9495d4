/**
 * A page that polls its own origin every 100 ms (threats T18), for both browsers. Each request
 * carries the time it was issued (`?t=`, the same clock as the test's), so a direct hit can be
 * charged to the moment its request left the page, not to when it happened to arrive.
 */
import type { Hit, LeakOrigin } from '../../support/oracles/origins';

export interface PollOutcome {
  /** When the request was issued. */
  t: number;
  /** It got an answer (direct or proxied); false: it failed (blocked). */
  ok: boolean;
}

/** Evaluated in the page: starts the poll and records each request's outcome (read with `readPolls`). */
export function startPolling(): void {
  const g = globalThis as unknown as { __poll: unknown; __polls: PollOutcome[] };
  let n = 0;
  g.__polls = [];
  g.__poll = setInterval(() => {
    const t = Date.now();
    fetch(`/poll/${n++}?t=${t}`, { cache: 'no-store' }).then(
      () => g.__polls.push({ t, ok: true }),
      () => g.__polls.push({ t, ok: false }),
    );
  }, 100);
}

export function readPolls(): PollOutcome[] {
  return (globalThis as unknown as { __polls: PollOutcome[] }).__polls;
}

/**
 * When a switch to protection took effect in the browser: the issue time of the first poll after
 * `from` that did not go direct (it failed, i.e. was blocked, or reached the origin through a
 * proxy). Polls issued between the user's click and this moment went out before the browser had
 * the new proxy setting (the click still has to reach the background and the setting the network
 * stack); a direct poll issued after it is a fail-open moment of the product.
 */
export function protectedFrom(origin: LeakOrigin, host: string, polls: PollOutcome[], from: number): number {
  const proxied = proxiedPolls(origin, host, from).map(issuedAt);
  const failed = polls.filter((p) => !p.ok && p.t >= from).map((p) => p.t);
  return Math.min(...proxied, ...failed);
}

/** Evaluated in an extension page: records when the user last clicked or chose anything. */
export function recordClicks(): void {
  const mark = () => void ((globalThis as unknown as { __clickAt: number }).__clickAt = Date.now());
  document.addEventListener('click', mark, true);
  document.addEventListener('change', mark, true);
}

/** When a poll was issued (from its `?t=`), or its arrival for other requests. */
export const issuedAt = (hit: Hit): number => Number(/[?&]t=(\d+)/.exec(hit.path)?.[1] ?? hit.at);

/** Poll requests at `host` that went direct and were issued in [from, to). */
export function directPolls(origin: LeakOrigin, host: string, from: number, to = Infinity): Hit[] {
  return origin.directHits(host).filter((h) => h.path.startsWith('/poll/') && issuedAt(h) >= from && issuedAt(h) < to);
}

export function proxiedPolls(origin: LeakOrigin, host: string, from = 0): Hit[] {
  return origin
    .hitsFor(host)
    .filter((h) => h.path.startsWith('/poll/') && h.from === '127.0.0.2' && issuedAt(h) >= from);
}

/**
 * Evaluated in an extension page: counts proxy challenges per request id (a listener next to the
 * extension's own; it only observes). Read them back with `readChallenges`.
 */
export function countChallenges(): void {
  const g = globalThis as unknown as {
    __challenges: Record<string, number>;
    browser?: { webRequest: unknown };
    chrome: { webRequest: unknown };
  };
  g.__challenges = {};
  const api = (g.browser ?? g.chrome).webRequest as {
    onAuthRequired: { addListener(l: (d: { requestId: string; isProxy: boolean }) => void, f: object): void };
  };
  api.onAuthRequired.addListener(
    (d) => {
      if (d.isProxy) g.__challenges[d.requestId] = (g.__challenges[d.requestId] ?? 0) + 1;
    },
    { urls: ['<all_urls>'] },
  );
}

export function readChallenges(): Record<string, number> {
  return (globalThis as unknown as { __challenges: Record<string, number> }).__challenges;
}
