/**
 * The one home of bypass-list edits: adding (one entry or an import), removing and the popup's
 * per-site toggle all go through here, with the same checks (a valid pattern, stored in canonical
 * form; a valid region id; at most MAX_RULES entries). Pure; the controller's editBypass applies the
 * result (proxy, toolbar of every open tab).
 */
import { formatRule, MAX_RULES, parseBypassEntry } from '../core/bypass-rules';
import { siteOfUrl } from '../core/site';
import { UserError } from '../shared/errors';
import type { SiteView } from '../shared/messages';
import type { BypassEntry } from '../shared/view-state';

const REGION_ID = /^[A-Za-z0-9_.-]{1,64}$/;

export function canonicalPattern(pattern: string): string {
  const parsed = parseBypassEntry(pattern);
  if (!parsed.ok) throw new UserError('invalidInput', `"${pattern.slice(0, 100)}": ${parsed.error}`);
  return formatRule(parsed.rule);
}

/** An entry from a UI in canonical form, or a UserError saying why it is not valid. */
function canonicalEntry(entry: unknown, which: string): BypassEntry {
  const { pattern, regionId } = (entry ?? {}) as { pattern?: unknown; regionId?: unknown };
  if (typeof pattern !== 'string') throw new UserError('invalidInput', `${which} is not valid: it is not text`);
  const parsed = parseBypassEntry(pattern);
  if (!parsed.ok) {
    throw new UserError('invalidInput', `${which} is not valid ("${pattern.slice(0, 100)}"): ${parsed.error}`);
  }
  if (regionId !== undefined && (typeof regionId !== 'string' || !REGION_ID.test(regionId))) {
    throw new UserError('invalidInput', `${which} names an invalid region.`);
  }
  const canonical = formatRule(parsed.rule);
  return regionId ? { pattern: canonical, regionId } : { pattern: canonical };
}

/** The entries of an import, unchecked yet (withEntries checks them: the first invalid one refuses all). */
export function importedEntries(input: unknown): unknown[] {
  const entries = (input as { entries?: unknown } | undefined)?.entries;
  if (!Array.isArray(entries)) throw new UserError('invalidInput', 'The import has no list of entries.');
  return entries;
}

/**
 * The list with `entries` added: an entry whose pattern is in the list replaces it (its region
 * may have changed) and goes last; the rest of the list stays as it was. Refused beyond MAX_RULES.
 */
export function withEntries(list: BypassEntry[], entries: unknown[]): BypassEntry[] {
  const added = new Map(
    entries
      .map((e, i) => canonicalEntry(e, entries.length === 1 ? 'The entry' : `Entry ${i + 1}`))
      .map((e) => [e.pattern, e]),
  );
  const next = [...list.filter((e) => !added.has(e.pattern)), ...added.values()];
  if (next.length > MAX_RULES && next.length > list.length) {
    throw new UserError('invalidInput', `The list is limited to ${MAX_RULES} entries.`);
  }
  return next;
}

export function withoutEntry(list: BypassEntry[], pattern: string): BypassEntry[] {
  const parsed = parseBypassEntry(pattern);
  const canonical = parsed.ok ? formatRule(parsed.rule) : pattern;
  return list.filter((e) => e.pattern !== canonical && e.pattern !== pattern);
}

/** The popup's per-site toggle: the site's own entry (no region) on or off. */
export function withSite(list: BypassEntry[], site: string, bypass: boolean): BypassEntry[] {
  return bypass ? withEntries(list, [{ pattern: site }]) : withoutEntry(list, site);
}

export function siteView(list: BypassEntry[], url: string): SiteView {
  const site = siteOfUrl(url);
  if (!site) return { site: null, bypassed: false };
  const pattern = canonicalPattern(site);
  return { site, bypassed: list.some((e) => e.pattern === pattern && !e.regionId) };
}
