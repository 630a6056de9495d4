/** Edits of the user's bypass list: each entry is parsed and stored in canonical form. Pure. */
import { formatRule, parseBypassEntry } from '../core/bypass-rules';
import { siteOfUrl } from '../core/site';
import { UserError } from '../shared/errors';
import type { SiteView } from '../shared/messages';
import type { BypassEntry } from '../shared/view-state';

export function canonicalPattern(pattern: string): string {
  const parsed = parseBypassEntry(pattern);
  if (!parsed.ok) throw new UserError('invalidInput', `"${pattern.slice(0, 100)}": ${parsed.error}`);
  return formatRule(parsed.rule);
}

export function withEntry(list: BypassEntry[], entry: BypassEntry): BypassEntry[] {
  const pattern = canonicalPattern(entry.pattern);
  const next: BypassEntry = entry.regionId ? { pattern, regionId: entry.regionId } : { pattern };
  // Adding an entry that exists replaces it (its region may have changed).
  return [...list.filter((e) => e.pattern !== pattern), next];
}

export function withoutEntry(list: BypassEntry[], pattern: string): BypassEntry[] {
  const parsed = parseBypassEntry(pattern);
  const canonical = parsed.ok ? formatRule(parsed.rule) : pattern;
  return list.filter((e) => e.pattern !== canonical && e.pattern !== pattern);
}

export function siteView(list: BypassEntry[], url: string): SiteView {
  const site = siteOfUrl(url);
  if (!site) return { site: null, bypassed: false };
  const pattern = canonicalPattern(site);
  return { site, bypassed: list.some((e) => e.pattern === pattern && !e.regionId) };
}
