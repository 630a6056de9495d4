/**
 * Requests that serve the UI's pages beyond connecting (account details). They get the controller's
 * context rather than reaching into it, so they stay in their own file. Bypass-list edits, an import
 * among them, are the controller's editBypass (bypass-list.ts).
 */
import { planImport } from '../core/import-plan';
import { UserError } from '../shared/errors';
import type { Handlers } from '../shared/messages';
import type { ControllerContext } from './controller-context';

export function createUiRequests(
  ctx: Pick<ControllerContext, 'state' | 'api'>,
): Pick<Handlers, 'planImport' | 'accountInfo'> {
  return {
    /** What an import would do (the options page previews it): parsed where tldts already is. */
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
