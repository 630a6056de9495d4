/**
 * Counts proxy challenges per request, in memory only: request ids restart at every browser
 * start, so a stored counter would cancel valid answers later (docs/browser-facts.md).
 */
const MAX_TRACKED = 2_000;

export function createChallengeCounter() {
  const seen = new Map<string, number>();
  return {
    count(requestId: string): number {
      const n = (seen.get(requestId) ?? 0) + 1;
      seen.delete(requestId);
      seen.set(requestId, n);
      // Oldest first in a Map: drop the oldest when too many requests were challenged.
      if (seen.size > MAX_TRACKED) seen.delete(seen.keys().next().value as string);
      return n;
    },
  };
}
