/**
 * The bypass list as text, for export and import: one entry per line, optionally followed by a
 * space and the id of the region it goes through; `#` starts a comment line. An import is planned
 * here, before anything changes: what it adds, what it updates, and each refused line with why.
 */
import { formatRule, MAX_RULES, parseBypassEntry } from '../core/bypass-rules';
import type { BypassEntry, RegionView } from '../shared/view-state';
import { t } from '../ui/i18n';

export { exportText } from './export-text';

export interface ImportPlan {
  add: BypassEntry[];
  /** Entries already in the list whose region changes. */
  update: BypassEntry[];
  /** Lines already in the list exactly as they are. */
  unchanged: number;
  refused: { line: number; text: string; reason: string }[];
}

export function planImport(text: string, list: readonly BypassEntry[], regions: readonly RegionView[]): ImportPlan {
  const current = new Map(list.map((e) => [e.pattern, e.regionId]));
  const known = new Set(regions.map((r) => r.id));
  const seen = new Map<string, number>();
  const plan: ImportPlan = { add: [], update: [], unchanged: 0, refused: [] };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const body = raw.trim();
    if (!body || body.startsWith('#')) return;
    const refuse = (reason: string) => plan.refused.push({ line, text: body.slice(0, 200), reason });
    const [pattern = '', regionId, ...extra] = body.split(/\s+/);
    if (extra.length) return refuse(t('importTooManyWords'));
    // Without a region list (logged out) region ids cannot be checked; the background keeps them.
    if (regionId && known.size && !known.has(regionId)) return refuse(t('importUnknownRegion', regionId));
    const parsed = parseBypassEntry(pattern);
    if (!parsed.ok) return refuse(parsed.error);
    const canonical = formatRule(parsed.rule);
    const first = seen.get(canonical);
    if (first !== undefined) return refuse(t('importRepeats', String(first)));
    seen.set(canonical, line);
    const entry: BypassEntry = regionId ? { pattern: canonical, regionId } : { pattern: canonical };
    if (!current.has(canonical)) {
      if (list.length + plan.add.length >= MAX_RULES) return refuse(t('importListFull', String(MAX_RULES)));
      plan.add.push(entry);
    } else if (current.get(canonical) !== regionId) plan.update.push(entry);
    else plan.unchanged += 1;
  });
  return plan;
}
