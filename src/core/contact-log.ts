/**
 * The hosts the extension itself contacted (the account service and what it names), with a count
 * per host. Memory only: it starts empty with the background and is never stored. The account
 * service client reports each request (src/core/account-api.ts, `onRequest`).
 */
import type { ContactedHost } from '../shared/privacy';

export type ContactLog = ReturnType<typeof createContactLog>;

export function createContactLog(now: () => number = Date.now) {
  const hosts = new Map<string, ContactedHost>();
  const since = now();
  return {
    since,
    note(url: string): void {
      let host: string;
      try {
        host = new URL(url).host;
      } catch {
        return;
      }
      hosts.set(host, { host, requests: (hosts.get(host)?.requests ?? 0) + 1, lastAt: now() });
    },
    list: (): ContactedHost[] => [...hosts.values()].sort((a, b) => a.host.localeCompare(b.host)),
  };
}
