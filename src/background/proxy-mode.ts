/** From the background's state to what the proxy setting must do. Pure. */
import { parseBypassEntry } from '../core/bypass-rules';
import { compileRouting } from '../core/routing';
import type { ProxyMode } from '../core/routing';
import type { State } from './stored-state';

/** host[:port] of the account service: never proxied (the worker cannot answer a proxy challenge). */
export function accountServiceHost(url: string): string {
  return new URL(url).host;
}

/** Host names the start-up gate never blocks: the account service's (DNR matches names, not ports). */
const gateExceptions = (url: string): string[] => [new URL(url).hostname];

/** Auto-connect will switch the VPN on at the next browser start (connection.ts `autoConnected`). */
export function connectsAtStart(state: State): boolean {
  return state.settings.autoConnect && state.session !== null && !!state.regionId;
}

export function proxyModeFor(state: State, accountServiceUrl: string, now = Date.now()): ProxyMode {
  if (!state.wantConnected) {
    return connectsAtStart(state) ? { kind: 'off', holdNextStart: gateExceptions(accountServiceUrl) } : { kind: 'off' };
  }
  // Signed out while the user wanted protection (session expired, kill switch on): block, never direct.
  if (!state.session) return state.settings.killSwitch ? blockingMode(accountServiceUrl) : { kind: 'off' };
  const entries = [];
  for (const entry of state.bypass) {
    const parsed = parseBypassEntry(entry.pattern);
    // Stored entries were validated when added; one that no longer parses is skipped, not fatal.
    if (parsed.ok)
      entries.push(entry.regionId ? { rule: parsed.rule, regionId: entry.regionId } : { rule: parsed.rule });
  }
  const table = compileRouting({
    entries,
    mode: state.settings.mode,
    bypassLocal: state.settings.bypassLocal,
    defaultRegionId: state.regionId ?? '',
    // A region missing from the list has no servers, so its traffic blocks: fail closed.
    regions: Object.fromEntries(state.regions.map((region) => [region.id, region.servers])),
    alwaysDirect: [accountServiceHost(accountServiceUrl)],
    // Kill switch off is the user's choice: with the region's servers down, go direct.
    failOpen: !state.settings.killSwitch,
    // The user's time-limited pause: the table itself ends it (routing.ts), no timer needed.
    ...(state.pausedUntil !== null && now < state.pausedUntil ? { pausedUntil: state.pausedUntil } : {}),
    // Firefox containers with their own region or direct (the user's choice; routing.ts).
    ...(Object.keys(state.containers).length ? { containers: state.containers } : {}),
  });
  return { kind: 'route', table, directHosts: gateExceptions(accountServiceUrl) };
}

/** While the outcome is unknown (connecting), everything but the account service is blocked. */
export function blockingMode(accountServiceUrl: string): ProxyMode {
  const table = compileRouting({
    entries: [],
    mode: 'exclude',
    bypassLocal: false,
    defaultRegionId: '',
    regions: {},
    alwaysDirect: [accountServiceHost(accountServiceUrl)],
  });
  return { kind: 'route', table, directHosts: gateExceptions(accountServiceUrl) };
}
