/**
 * Requests that serve the UI's pages beyond connecting (account details, list import/export …).
 * They get the controller's context rather than reaching into it, so they stay in their own file.
 */
import { formatRule, MAX_RULES, parseBypassEntry } from '../core/bypass-rules';
import { planImport } from '../core/import-plan';
import { UserError } from '../shared/errors';
import type { Handlers } from '../shared/messages';
import type { BypassEntry } from '../shared/view-state';
import type { ControllerContext } from './context';

export type { ControllerContext } from './context';

const ID = /^[A-Za-z0-9_.-]{1,64}$/;

/** Every entry again in canonical form, or a UserError naming the first invalid one. */
function canonicalEntries(input: unknown): BypassEntry[] {
  const entries = (input as { entries?: unknown } | undefined)?.entries;
  if (!Array.isArray(entries)) throw new UserError('invalidInput', 'The import has no list of entries.');
  return entries.map((entry: unknown, index) => {
    const { pattern, regionId } = (entry ?? {}) as { pattern?: unknown; regionId?: unknown };
    const parsed = typeof pattern === 'string' ? parseBypassEntry(pattern) : null;
    if (!parsed?.ok) {
      const why = parsed ? parsed.error : 'it is not text';
      throw new UserError('invalidInput', `Entry ${index + 1} is not valid: ${why}`);
    }
    if (regionId !== undefined && (typeof regionId !== 'string' || !ID.test(regionId))) {
      throw new UserError('invalidInput', `Entry ${index + 1} names an invalid region.`);
    }
    const canonical = formatRule(parsed.rule);
    return regionId ? { pattern: canonical, regionId } : { pattern: canonical };
  });
}

/** Imported entries win over the same pattern in the list; the rest of the list stays as it was. */
function merged(list: BypassEntry[], imported: BypassEntry[]): BypassEntry[] {
  const byPattern = new Map(imported.map((e) => [e.pattern, e]));
  const kept = list.filter((e) => !byPattern.has(e.pattern));
  return [...kept, ...byPattern.values()];
}

export function createUiRequests(
  ctx: ControllerContext,
): Pick<Handlers, 'importBypass' | 'planImport' | 'accountInfo'> {
  return {
    importBypass: (input) =>
      ctx.serial(async () => {
        const imported = canonicalEntries(input);
        const bypass = merged((await ctx.state()).bypass, imported);
        if (bypass.length > MAX_RULES) {
          throw new UserError('invalidInput', `The list is limited to ${MAX_RULES} entries.`);
        }
        const s = await ctx.update({ bypass });
        if (s.wantConnected) await ctx.applyProxy(s);
        return ctx.announce();
      }),

    planImport: async (input) => {
      const text = (input as { text?: unknown } | undefined)?.text;
      if (typeof text !== 'string') throw new UserError('invalidInput', 'The import has no text.');
      const { bypass, regions } = await ctx.state();
      return planImport(
        text,
        bypass,
        regions.map((r) => r.id),
      );
    },

    accountInfo: async () => {
      const { session } = await ctx.state();
      if (!session) throw new UserError('notSignedIn', 'Log in first.');
      const { email, plan, planExpiresAt } = await (await ctx.api()).account(session.token);
      return { email, plan, planExpiresAt };
    },
  };
}
