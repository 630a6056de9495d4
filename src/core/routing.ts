/**
 * Where each request goes: compile the user's rules and the connection into one RoutingTable, then
 * decide per host and port.
 *
 * Order of precedence: alwaysDirect (the account service: MV3 Chromium cannot answer a proxy
 * challenge for the extension's own requests), then the local network when bypassLocal is on, then
 * the most specific user rule (longest host suffix or network prefix; then a rule with the request's
 * port; then `=`/`*.` over a plain domain rule), then the mode's fallback. Where that decision is
 * the VPN's region, a Firefox container with its own way out (a region, or direct) takes that
 * instead. A region with no servers, or one the provider no longer lists, blocks (fail closed), it
 * never means direct. IP rules only see IP-literal hosts; names are never resolved.
 * `pac-script.ts` runs the same walk in ES5 (without containers: Chromium has none).
 */
import { isContainerId, type ContainerChoice } from '../shared/containers';
import type { ProxyServer } from '../shared/provider-types';
import type { Rule } from './bypass-rules';
import { formatIPv4, ipv6Key, maskIPv4, maskIPv6, parseIPv4, parseIPv6 } from './ip-literal';
import { checkAlwaysDirect, checkRule, checkServer, RoutingInputError } from './routing-input-check';
import {
  BLOCK,
  buildLayer,
  DIRECT,
  localLayer,
  type Action,
  type MatchLayer,
  type RoutingTable,
} from './routing-table';

export { RoutingInputError } from './routing-input-check';
export type { RoutingTable } from './routing-table';

export interface RoutingInput {
  /** The user's list; a regionId means "this site always through that region". */
  entries: { rule: Rule; regionId?: string }[];
  /** exclude: everything through the VPN except listed; include: only listed through the VPN. */
  mode: 'exclude' | 'include';
  bypassLocal: boolean;
  defaultRegionId: string;
  /** Servers per region, in failover order. */
  regions: Record<string, ProxyServer[]>;
  /** Exact hosts or IPs (optional :port) never proxied: the account service. */
  alwaysDirect: string[];
  /**
   * Kill switch off (the user's explicit choice): when every server of the region is unreachable,
   * the browser may go direct. Absent or false: it never does (fail closed).
   */
  failOpen?: boolean;
  /**
   * The user's explicit, time-limited pause (to sign in to a captive portal): until this epoch-ms
   * time everything goes direct; after it the table protects again by itself, even if the
   * extension never runs again to lift the pause (the check is in the decision, not a timer).
   */
  pausedUntil?: number;
  /**
   * Firefox containers (cookieStoreId) with their own way out, the user's choice: a region, or
   * direct. A container's requests go that way wherever they would take the VPN's region; a rule
   * that names a region or bypasses the VPN still wins, and a blocked or paused table stays so.
   */
  containers?: Record<string, ContainerChoice>;
}

export type Decision =
  { type: 'direct' } | { type: 'proxy'; regionId: string; servers: ProxyServer[]; failOpen?: true } | { type: 'block' };

/**
 * What the proxy setting should do right now: nothing (the user is disconnected), or route by a
 * compiled table. Failing closed is a table too (every region empty, so every decision blocks).
 * The background turns it into a PAC text (Chromium) or a routing function (Firefox).
 */
export type ProxyMode =
  /**
   * `holdNextStart`: the next browser start connects by itself (auto-connect), so its first
   * requests must wait for that instead of going direct (Chromium's start-up gate); the hosts
   * listed stay reachable meanwhile (the account service).
   */
  | { kind: 'off'; holdNextStart?: string[] }
  /** `directHosts`: host names that are never blocked nor proxied (the account service). */
  | { kind: 'route'; table: RoutingTable; directHosts: string[] };

/** Throws RoutingInputError on any invalid server, rule, region id or alwaysDirect entry. */
export function compileRouting(input: RoutingInput): RoutingTable {
  if (input.mode !== 'exclude' && input.mode !== 'include') throw new RoutingInputError('mode', 'Unknown mode.');
  const servers = checkRegions(input.regions);
  const regions: RoutingTable['regions'] = [];
  const actions = new Map<string, Action>();
  const actionFor = (regionId: unknown): Action => {
    if (typeof regionId !== 'string') throw new RoutingInputError('region', 'A region id is not a string.');
    let action = actions.get(regionId);
    if (action === undefined) {
      const list = servers.get(regionId);
      action = list?.length ? regions.push({ id: regionId, servers: list }) - 1 : BLOCK;
      actions.set(regionId, action);
    }
    return action;
  };
  const containers = Object.entries(input.containers ?? {});
  // With containers, the VPN's region gets a slot of its own, so a rule that names the same
  // region is still told apart from "the VPN's region" (only the latter yields to a container).
  const defaultAction = containers.length ? ownSlot(input.defaultRegionId) : actionFor(input.defaultRegionId);
  function ownSlot(regionId: string): Action {
    const list = typeof regionId === 'string' ? servers.get(regionId) : undefined;
    return list?.length ? regions.push({ id: regionId, servers: list }) - 1 : actionFor(regionId);
  }
  const unlisted = input.mode === 'exclude' ? DIRECT : defaultAction;
  const userRules = input.entries.map(({ rule, regionId }) => {
    const action = regionId === undefined ? unlisted : actionFor(regionId);
    return [checkRule(rule), action] as const;
  });
  return {
    version: 1,
    regions,
    layers: [
      alwaysDirectLayer(input.alwaysDirect),
      ...(input.bypassLocal ? [localLayer()] : []),
      buildLayer(userRules),
    ],
    fallback: input.mode === 'exclude' ? defaultAction : DIRECT,
    ...(input.failOpen === true ? { failOpen: true as const } : {}),
    ...(containers.length ? { containers: containerActions(containers, actionFor), vpn: defaultAction } : {}),
    ...(input.pausedUntil === undefined ? {} : { pausedUntil: checkPausedUntil(input.pausedUntil) }),
  };
}

function containerActions(
  choices: [string, ContainerChoice][],
  actionFor: (regionId: unknown) => Action,
): Record<string, Action> {
  const actions: Record<string, Action> = {};
  for (const [id, choice] of choices) {
    if (!isContainerId(id)) throw new RoutingInputError('container', 'A container id is not valid.');
    actions[id] = choice === 'direct' ? DIRECT : actionFor((choice as { regionId?: unknown } | null)?.regionId);
  }
  return actions;
}

function checkPausedUntil(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RoutingInputError('pausedUntil', 'The pause end is not a time.');
  }
  return value;
}

function alwaysDirectLayer(hosts: unknown): MatchLayer {
  if (!Array.isArray(hosts)) throw new RoutingInputError('alwaysDirect', 'alwaysDirect is not a list.');
  return buildLayer(hosts.map((host) => [checkAlwaysDirect(host), DIRECT] as const));
}

function checkRegions(regions: unknown): Map<string, ProxyServer[]> {
  if (typeof regions !== 'object' || regions === null) throw new RoutingInputError('region', 'No region list.');
  const checked = new Map<string, ProxyServer[]>();
  for (const [id, list] of Object.entries(regions)) {
    if (!Array.isArray(list)) throw new RoutingInputError('region', 'A region has no server list.');
    checked.set(
      id,
      list.map((server) => checkServer(server, id)),
    );
  }
  return checked;
}

/**
 * `now` (epoch ms) only matters while a pause is set; `container` (a Firefox cookieStoreId) only
 * when the table gives containers their own way out.
 */
export function decide(table: RoutingTable, host: string, port: number, now?: number, container?: string): Decision {
  if (table.pausedUntil !== undefined && (now ?? Date.now()) < table.pausedUntil) return { type: 'direct' };
  let action = findAction(table, host, port);
  const byContainer = table.containers;
  if (
    byContainer &&
    container !== undefined &&
    action === table.vpn &&
    action >= 0 &&
    Object.hasOwn(byContainer, container)
  ) {
    action = byContainer[container]!;
  }
  if (action === DIRECT) return { type: 'direct' };
  const region = action >= 0 ? table.regions[action] : undefined;
  if (!region?.servers.length) return { type: 'block' };
  const decision: Decision = { type: 'proxy', regionId: region.id, servers: region.servers };
  if (table.failOpen === true) decision.failOpen = true;
  return decision;
}

/** Lower case, no brackets, one trailing dot dropped: how both browsers may spell the same host. */
function lookupHost(host: string): string {
  let h = String(host).toLowerCase();
  if (h.charAt(0) === '[' && h.charAt(h.length - 1) === ']') h = h.slice(1, -1);
  if (h.charAt(h.length - 1) === '.') h = h.slice(0, -1);
  return h;
}

function findAction(table: RoutingTable, host: string, port: number): Action {
  const h = lookupHost(host);
  const v4 = parseIPv4(h);
  const v6 = v4 === null ? parseIPv6(h) : null;
  const p = `:${port}`;
  for (const layer of table.layers) {
    const action = v4 !== null ? matchIPv4(layer, v4, p) : v6 ? matchIPv6(layer, v6, p) : matchName(layer, h, p);
    if (action !== null) return action;
  }
  return table.fallback;
}

function matchName(layer: MatchLayer, h: string, p: string): Action | null {
  if (layer.plain !== null && h !== '' && h.indexOf('.') < 0 && h.indexOf(':') < 0) return layer.plain;
  let action = pick(layer.keys, `e:${h}`, `d:${h}`, p);
  for (let dot = h.indexOf('.'); action === null && dot >= 0; dot = h.indexOf('.', dot + 1)) {
    const suffix = h.slice(dot + 1);
    action = pick(layer.keys, `s:${suffix}`, `d:${suffix}`, p);
  }
  return action;
}

/** One label's candidates, most specific first: narrow+port, wide+port, narrow, wide. */
function pick(keys: Record<string, Action>, narrow: string, wide: string, p: string): Action | null {
  return own(keys, narrow + p) ?? own(keys, wide + p) ?? own(keys, narrow) ?? own(keys, wide);
}

function own(keys: Record<string, Action>, key: string): Action | null {
  return Object.hasOwn(keys, key) ? (keys[key] ?? null) : null;
}

function matchIPv4(layer: MatchLayer, value: number, p: string): Action | null {
  for (const len of layer.p4) {
    const key = `4:${formatIPv4(maskIPv4(value, len))}/${len}`;
    const action = own(layer.keys, key + p) ?? own(layer.keys, key);
    if (action !== null) return action;
  }
  return null;
}

function matchIPv6(layer: MatchLayer, groups: number[], p: string): Action | null {
  for (const len of layer.p6) {
    const key = `6:${ipv6Key(maskIPv6(groups, len))}/${len}`;
    const action = own(layer.keys, key + p) ?? own(layer.keys, key);
    if (action !== null) return action;
  }
  return null;
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ws: 80, wss: 443, ftp: 21 };

/**
 * The request's port from its URL's authority only (never the path), the scheme's default when
 * absent, 0 when unknown. The PAC script derives it the same way from the URL Chromium passes.
 */
export function portOfUrl(url: string): number {
  const s = String(url);
  const i = s.indexOf('://');
  if (i < 0) return 0;
  const scheme = s.slice(0, i).toLowerCase();
  const rest = s.slice(i + 3);
  const end = rest.search(/[/?#]/);
  let authority = end < 0 ? rest : rest.slice(0, end);
  authority = authority.slice(authority.lastIndexOf('@') + 1);
  const colon = authority.indexOf(':', authority.charAt(0) === '[' ? authority.indexOf(']') : 0);
  if (colon < 0) return Object.hasOwn(DEFAULT_PORTS, scheme) ? (DEFAULT_PORTS[scheme] ?? 0) : 0;
  const port = authority.slice(colon + 1);
  return /^[0-9]{1,5}$/.test(port) ? Number(port) : 0;
}
