/**
 * O2 for Chromium: the NetLog written by `--log-net-log=FILE --net-log-capture-mode=Everything`.
 * Chromium appends one event per line while it runs (the closing `]}` comes at exit), so the file
 * is read line by line and a half-written last line is skipped. A host-resolver event whose
 * parameters name a host means the browser resolved that name locally: for a proxied host name
 * that is a DNS leak (the proxy should be the only one to resolve it).
 */
import { existsSync, readFileSync } from 'node:fs';

export interface NetLogEvent {
  type: string;
  params: unknown;
}

export function readNetLog(file: string): NetLogEvent[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const names = new Map<number, string>();
  const constants = /"logEventTypes":(\{[^}]*\})/.exec(text);
  if (constants)
    for (const [name, id] of Object.entries(JSON.parse(constants[1]!) as Record<string, number>)) names.set(id, name);
  const events: NetLogEvent[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim().replace(/,$/, '');
    if (!line.startsWith('{"') || line.startsWith('{"constants"')) continue;
    try {
      const event = JSON.parse(line) as { type?: number; params?: unknown };
      if (typeof event.type === 'number')
        events.push({ type: names.get(event.type) ?? String(event.type), params: event.params });
    } catch {
      // the line Chromium is still writing
    }
  }
  return events;
}

/** Host-resolver events whose parameters mention `host` (exact label-bounded match). */
export function resolutionsOf(events: NetLogEvent[], host: string): NetLogEvent[] {
  const needle = new RegExp(`(^|[^a-z0-9.-])${host.replace(/\./g, '\\.')}([^a-z0-9.-]|$)`, 'i');
  return events.filter((e) => e.type.startsWith('HOST_RESOLVER') && needle.test(JSON.stringify(e.params ?? '')));
}
