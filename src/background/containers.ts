/**
 * The options page's Containers section (Firefox): which way each container's requests leave.
 * A choice is checked like a bypass entry's region (a valid id, one the provider offers); a
 * connected proxy picks it up at once (routing.ts gives it its precedence).
 */
import { isContainerId, readChoice, type ContainersView } from '../shared/containers';
import { UserError } from '../shared/errors';
import type { Handlers } from '../shared/messages';
import type { ContainersPort } from '../platform/ports';
import type { StateAccess } from './controller-context';

export function createContainerRequests(
  ctx: StateAccess,
  port: ContainersPort,
): Pick<Handlers, 'containers' | 'setContainer'> {
  const view = async (): Promise<ContainersView> => ({
    containers: await port.list().catch(() => null),
    choices: (await ctx.state()).containers,
  });
  return {
    containers: view,
    setContainer: (input) =>
      ctx.serial(async () => {
        const { cookieStoreId, choice } = (input ?? {}) as { cookieStoreId?: unknown; choice?: unknown };
        if (!isContainerId(cookieStoreId)) throw new UserError('invalidInput', 'That container is not valid.');
        const s = await ctx.state();
        const next = { ...s.containers };
        if (choice === null) {
          delete next[cookieStoreId];
        } else {
          const read = readChoice(choice);
          if (read === null) throw new UserError('invalidInput', 'The container names an invalid region.');
          if (read !== 'direct' && !s.regions.some((r) => r.id === read.regionId)) {
            throw new UserError('unknownRegion', 'That region is not offered.');
          }
          next[cookieStoreId] = read;
        }
        const updated = await ctx.update({ containers: next });
        if (updated.wantConnected) await ctx.applyProxy(updated);
        await ctx.announce();
        return view();
      }),
  };
}
