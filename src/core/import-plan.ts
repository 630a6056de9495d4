/**
 * The bypass list as text, for import: one entry per line, optionally followed by a space and
 * the id of the region it goes through; `#` starts a comment line. An import is planned here,
 * before anything changes: what it adds, what it updates, and each refused line with why. It
 * runs in the background, which has the rule parser and its public-suffix list already, so the
 * options page does not carry a second copy (bench: bundle).
 */
import type { ImportPlan } from '../shared/import-plan';
import type { BypassEntry } from '../shared/view-state';
import { formatRule, MAX_RULES, parseBypassEntry } from './bypass-rules';

/** `knownRegions` empty: region ids cannot be checked (logged out); the background keeps them. */
export function planImport(text: string, list: readonly BypassEntry[], knownRegions: readonly string[]): ImportPlan {
  const current = new Map(list.map((e) => [e.pattern, e.regionId]));
  const known = new Set(knownRegions);
  const seen = new Map<string, number>();
  const plan: ImportPlan = { add: [], update: [], unchanged: 0, refused: [] };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const body = raw.trim();
    if (!body || body.startsWith('#')) return;
    const refuse = (code: ImportPlan['refused'][number]['code'], detail = '') =>
      plan.refused.push({ line, text: body.slice(0, 200), code, detail });
    const [pattern = '', regionId, ...extra] = body.split(/\s+/);
    if (extra.length) return refuse('tooManyWords');
    if (regionId && known.size && !known.has(regionId)) return refuse('unknownRegion', regionId.slice(0, 64));
    const parsed = parseBypassEntry(pattern);
    if (!parsed.ok) return refuse('invalid', parsed.error);
    const canonical = formatRule(parsed.rule);
    const first = seen.get(canonical);
    if (first !== undefined) return refuse('repeats', String(first));
    seen.set(canonical, line);
    const entry: BypassEntry = regionId ? { pattern: canonical, regionId } : { pattern: canonical };
    if (!current.has(canonical)) {
      if (list.length + plan.add.length >= MAX_RULES) return refuse('listFull', String(MAX_RULES));
      plan.add.push(entry);
    } else if (current.get(canonical) !== regionId) plan.update.push(entry);
    else plan.unchanged += 1;
  });
  return plan;
}
