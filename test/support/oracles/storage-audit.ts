/**
 * O4: what the extension keeps. A snapshot of storage.local/session/sync (plus IndexedDB and Cache
 * Storage names) taken inside the extension (the Chromium service worker, or an extension page in
 * Firefox: both expose `chrome.storage`), checked against the allowlist in
 * src/shared/storage-keys.ts and searched for things that must never be stored: visited host
 * names, the account password, proxy credentials outside storage.session.
 */
import { LOCAL_KEYS, SESSION_KEYS } from '../../../src/shared/storage-keys';

export interface StorageSnapshot {
  local: Record<string, unknown>;
  session: Record<string, unknown>;
  sync: Record<string, unknown>;
  indexedDb: string[];
  caches: string[];
}

/** Anything that runs a function inside the extension: a Playwright Worker, a puppeteer Page. */
export interface InsideExtension {
  evaluate(fn: () => Promise<StorageSnapshot>): Promise<StorageSnapshot>;
}

export async function snapshotStorage(inside: InsideExtension): Promise<StorageSnapshot> {
  return inside.evaluate(async () => {
    const c = (
      globalThis as unknown as {
        chrome: { storage: Record<string, { get(k: null): Promise<Record<string, unknown>> }> };
      }
    ).chrome;
    const dbs = 'indexedDB' in globalThis && indexedDB.databases ? await indexedDB.databases() : [];
    return {
      local: await c.storage.local!.get(null),
      session: await c.storage.session!.get(null),
      sync: await c.storage.sync!.get(null).catch(() => ({})),
      indexedDb: dbs.map((d) => d.name ?? ''),
      caches: 'caches' in globalThis ? await caches.keys() : [],
    };
  });
}

export interface AuditInput {
  /** Host names the user visited through the VPN: must appear nowhere. */
  visitedHosts: string[];
  /** Strings that must appear nowhere (the password, the account token outside `session`). */
  secrets: string[];
  /** Proxy credential strings: allowed only in storage.session. */
  proxySecrets: string[];
}

export function auditStorage(snapshot: StorageSnapshot, input: AuditInput): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(snapshot.local))
    if (!Object.hasOwn(LOCAL_KEYS, key)) problems.push(`storage.local has a key outside the allowlist: ${key}`);
  for (const key of Object.keys(snapshot.session))
    if (!Object.hasOwn(SESSION_KEYS, key)) problems.push(`storage.session has a key outside the allowlist: ${key}`);
  if (Object.keys(snapshot.sync).length)
    problems.push(`storage.sync is not empty: ${Object.keys(snapshot.sync).join(',')}`);
  if (snapshot.indexedDb.length) problems.push(`IndexedDB databases: ${snapshot.indexedDb.join(',')}`);
  if (snapshot.caches.length) problems.push(`Cache Storage: ${snapshot.caches.join(',')}`);
  const persistent = JSON.stringify({ local: snapshot.local, sync: snapshot.sync }).toLowerCase();
  const everything = JSON.stringify(snapshot).toLowerCase();
  for (const host of input.visitedHosts)
    if (everything.includes(host.toLowerCase())) problems.push(`visited host stored: ${host}`);
  for (const secret of input.secrets)
    if (secret && everything.includes(secret.toLowerCase())) problems.push('a secret is stored');
  for (const secret of input.proxySecrets)
    if (secret && persistent.includes(secret.toLowerCase())) problems.push('proxy credentials in persistent storage');
  if (/https?:\/\/(?!127\.0\.0\.1)[^"]*\.test/.test(everything)) problems.push('a visited URL is stored');
  return problems;
}

export interface ControlledAudit {
  /** Access tokens found in storage.session (a connected extension holds some). */
  tokens: number;
  /** The positive control: what the audit found in a copy with a visited URL and a token planted in storage.local. */
  planted: string[];
  /** The control found both plants. */
  seen: boolean;
  /** What the audit found in the snapshot itself. */
  problems: string[];
}

/**
 * `auditStorage` of a connected extension's snapshot with its positive control: the same audit on a
 * copy with a visited URL and a proxy token planted in storage.local must complain about both.
 */
export function auditStorageWithControl(
  snapshot: StorageSnapshot,
  visitedHosts: string[],
  secrets: string[],
): ControlledAudit {
  const wallet = snapshot.session.tokens as { tokens?: { username: string; token: string }[] } | undefined;
  const tokens = wallet?.tokens ?? [];
  const input = { visitedHosts, secrets, proxySecrets: tokens.flatMap((t) => [t.token, t.username]) };
  const planted = auditStorage(
    { ...snapshot, local: { ...snapshot.local, regionId: `https://${visitedHosts[0]}/`, settings: { ...tokens[0] } } },
    input,
  );
  return { tokens: tokens.length, planted, seen: planted.length >= 2, problems: auditStorage(snapshot, input) };
}
