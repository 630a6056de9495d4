/**
 * Takeover detection in Firefox (threats T19). Firefox runs every add-on's proxy.onRequest listener
 * in turn and the last one's answer wins, without telling the others; what a request really used
 * shows in webRequest's `proxyInfo`. Our answers wait here, by request id, until the request
 * reports it. In memory only, a few hundred entries at most: nothing about a request outlives it.
 */
import type { FirefoxAnswer, UsedReport } from '../shared/firefox-proxy';
import { usedOurAnswer } from './firefox-proxy-answer';

export const MAX_TRACKED = 500;

export function createTakeoverWatch() {
  const answered = new Map<string, FirefoxAnswer>();
  let takenOver = false;
  return {
    /** Our answer to a request, to be judged when the request reports the proxy it used. */
    remember(requestId: string, answer: FirefoxAnswer): void {
      answered.delete(requestId);
      answered.set(requestId, answer);
      if (answered.size > MAX_TRACKED) answered.delete(answered.keys().next().value as string);
    },
    /** Judges a report; true when the verdict (taken over or not) changed. */
    check(report: UsedReport): boolean {
      const ours = answered.get(report.requestId);
      if (!ours) return false;
      answered.delete(report.requestId);
      // An answer from the cache used no proxy at all: it tells nothing about who routes requests.
      if (report.fromCache) return false;
      const other = !usedOurAnswer(ours, report.proxyInfo ?? null);
      if (other === takenOver) return false;
      takenOver = other;
      return true;
    },
    takenOver: () => takenOver,
  };
}
