/**
 * What the browser's traffic tells us, shown to the user: a proxy that cannot be reached turns
 * Connected into Reconnecting (and a page through the proxy turns it back), and the toolbar marks
 * tabs whose site bypasses the VPN. Nothing here is stored beyond the live status.
 */
import { transition, type ConnEvent } from '../core/live-status';
import { decide, portOfUrl } from '../core/routing';
import type { ProxyFailure } from '../platform/ports';
import type { Platform } from './platform';
import type { ViewState } from '../shared/view-state';
import { siteView } from './bypass-list';
import type { ControllerContext } from './controller-context';

export function createTrafficStatus(
  ctx: Pick<ControllerContext, 'state' | 'update' | 'serial' | 'announce' | 'view' | 'proxyMode'>,
  action: Platform['action'],
) {
  let routeSince = 0;
  function observe(event: ConnEvent): Promise<void> {
    const reported = ctx.state();
    return ctx.serial(async () => {
      const s = await ctx.state();
      // An event from an earlier phase (a request failing at the blocking proxy while Connect or a
      // region switch waited for a token) says nothing about the connection that followed.
      if ((await reported).live !== s.live) return;
      const live = transition(s.live, event, s.wantConnected && s.session !== null);
      if (live === s.live) return;
      await ctx.update({ live });
      await ctx.announce();
    });
  }

  /** The toolbar says so when the tab's site bypasses the VPN while connected (never stored). */
  async function markTab(tabId: number, url: string, status?: ViewState['status']): Promise<void> {
    const current = status ?? (await ctx.view()).status;
    const bypassed = current === 'connected' && siteView((await ctx.state()).bypass, url).bypassed;
    await action.showTab(tabId, bypassed, current).catch(() => undefined);
  }

  return {
    observe,
    /** The proxy setting changed at `at` (ms since the epoch). */
    routeChanged(at: number): void {
      routeSince = at;
    },
    /**
     * A request failed at its proxy. Only news about the route in force now: a failure from before
     * the last proxy change (reported late, e.g. at the dead blocking proxy while a region switch
     * waited for its token) or at a proxy that is not one of our servers says nothing about them.
     */
    async onProxyFailure({ proxy, at }: ProxyFailure): Promise<void> {
      if (at !== null && at < routeSince) return;
      if (proxy) {
        const ours = (await ctx.state()).regions.some((r) =>
          r.servers.some((srv) => srv.host === proxy.host && srv.port === proxy.port),
        );
        if (!ours) return;
      }
      await observe({ type: 'proxyFailed' });
    },
    markTab,
    /** The toolbar follows an announced state: the region's flag and status, the active tab's mark. */
    async showToolbar(snapshot: ViewState): Promise<void> {
      const region = snapshot.regions.find((r) => r.id === snapshot.regionId);
      await action.show(snapshot.status, region?.country ?? null).catch(() => undefined);
      const tab = await action.activeTab().catch(() => null);
      if (tab) await markTab(tab.id, tab.url, snapshot.status);
    },
    async markAllTabs(status: ViewState['status']): Promise<void> {
      for (const tab of await action.allTabs().catch(() => [])) await markTab(tab.id, tab.url, status);
    },
    /**
     * A page loaded: if it went through the proxy while we said "reconnecting", we are back. A 407
     * or a 5xx answer proves nothing: a failing proxy answers its own 502 to plain-HTTP requests.
     */
    async onPageLoaded(url: string, statusCode = 200): Promise<void> {
      if (statusCode === 407 || statusCode >= 500) return;
      const s = await ctx.state();
      if (s.live?.status !== 'reconnecting') return;
      let host: string;
      try {
        host = new URL(url).hostname;
      } catch {
        return;
      }
      const mode = ctx.proxyMode(s);
      if (mode.kind === 'route' && decide(mode.table, host, portOfUrl(url)).type === 'proxy') {
        await observe({ type: 'proxyWorks' });
      }
    },
  };
}
