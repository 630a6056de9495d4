/**
 * The background's state, and how it is restored on every wake. The truth lives in storage
 * (local: session token and the user's choices; session: live status and access tokens); this
 * module reads it back, field by field, so one corrupted key never loses the others.
 */
import * as v from 'valibot';
import { RegionList } from '../core/account-schemas';
import { readContainerChoices, type ContainerChoices } from '../shared/containers';
import { readSettings, type Settings } from '../shared/settings';
import type { Region } from '../shared/provider-types';
import type { TokenWallet } from '../core/token-wallet';
import type { Live } from '../core/live-status';
import type { BypassEntry } from '../shared/view-state';
import type { StoragePort } from '../platform/ports';

export type { BypassEntry } from '../shared/view-state';

export type { Live } from '../core/live-status';

export type { TokenWallet } from '../core/token-wallet';

/**
 * A signed-in session. `origin` is the account service that issued the token (bound at login): the
 * token is sent to no other (controller.ts `sessionApi`).
 */
export interface Session {
  token: string;
  email: string;
  origin: string;
}

export interface State {
  session: Session | null;
  regions: Region[];
  regionId: string | null;
  wantConnected: boolean;
  bypass: BypassEntry[];
  settings: Settings;
  /** Firefox containers with their own region or direct (shared/containers.ts). */
  containers: ContainerChoices;
  /** The issuer taken at sign-in and the access tokens minted with it (session storage only). */
  tokens: TokenWallet | null;
  live: Live | null;
  /** The user paused protection until this time (epoch ms, memory-only session storage): pause.ts. */
  pausedUntil: number | null;
}

const SessionSchema = v.object({ token: v.string(), email: v.string(), origin: v.optional(v.string()) });
const BypassSchema = v.array(v.object({ pattern: v.string(), regionId: v.optional(v.string()) }));
const WalletSchema = v.object({
  issuer: v.object({
    name: v.string(),
    epochSeconds: v.pipe(v.number(), v.integer(), v.minValue(10)),
    clockOffsetMs: v.number(),
    keys: v.pipe(v.array(v.object({ key: v.string(), notBefore: v.number() })), v.minLength(1), v.maxLength(2)),
  }),
  fingerprint: v.string(),
  tokens: v.pipe(
    v.array(v.object({ epoch: v.number(), regionId: v.string(), username: v.string(), token: v.string() })),
    v.maxLength(256),
  ),
});
const LiveSchema = v.object({
  status: v.picklist(['signedOut', 'disconnected', 'connecting', 'connected', 'reconnecting', 'error']),
  error: v.nullable(v.object({ code: v.string(), message: v.string() })),
});

function read<S extends v.GenericSchema>(schema: S, value: unknown, fallback: v.InferOutput<S>): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  return result.success ? result.output : fallback;
}

/** The origin of an http(s) URL; null for anything else. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return ['http:', 'https:'].includes(parsed.protocol) ? parsed.origin : null;
  } catch {
    return null;
  }
}

/**
 * A session stored before sessions named their service is bound to the service the stored settings
 * name (absent: the default); when that setting is unreadable, nobody knows who issued the token,
 * so the session is dropped.
 */
function bound(
  session: v.InferOutput<typeof SessionSchema> | null,
  local: Record<string, unknown>,
  defaultUrl: string,
) {
  if (!session) return null;
  if (session.origin !== undefined) return { ...session, origin: session.origin };
  const stored = (local.settings as { accountServiceUrl?: unknown } | undefined)?.accountServiceUrl;
  if (stored !== undefined && typeof stored !== 'string') return null;
  const origin = originOf(stored || defaultUrl);
  return origin ? { ...session, origin } : null;
}

export async function restoreState(storage: StoragePort, defaultAccountUrl: string): Promise<State> {
  const [local, session] = await Promise.all([
    storage.getLocal(),
    storage.getSession(['tokens', 'live', 'pausedUntil']),
  ]);
  // A stored null is not "absent": only a key that was never written (or was removed) means off.
  const wantStored = Object.hasOwn(local, 'wantConnected');
  const state: State = {
    session: bound(read(v.nullable(SessionSchema), local.session ?? null, null), local, defaultAccountUrl),
    regions: read(RegionList, local.regions ?? [], []),
    regionId: read(v.nullable(v.string()), local.regionId ?? null, null),
    // Absent means never switched on; present but unreadable means we cannot know, so assume the
    // user wanted protection: fail closed (blocking) rather than off (direct).
    wantConnected: wantStored ? read(v.boolean(), local.wantConnected, true) : false,
    bypass: read(BypassSchema, local.bypass ?? [], []),
    settings: readSettings(local.settings),
    containers: readContainerChoices(local.containers),
    tokens: read(v.nullable(WalletSchema), session.tokens ?? null, null),
    live: read(v.nullable(LiveSchema), session.live ?? null, null) as Live | null,
    // Unreadable means no pause: protection on.
    pausedUntil: read(
      v.nullable(v.pipe(v.number(), v.safeInteger(), v.minValue(0))),
      session.pausedUntil ?? null,
      null,
    ),
  };
  if (wantStored && !v.is(v.boolean(), local.wantConnected) && state.live === null) {
    state.live = { status: 'error', error: { code: 'internal', message: UNREADABLE } };
  }
  return state;
}

const UNREADABLE =
  'Zone VPN could not read its saved state, so your traffic is blocked to be safe. Disconnect, or log in and connect again.';

/** Splits a state change into the storage area each field belongs to. */
export function storageWrites(patch: Partial<State>): {
  local: Record<string, unknown>;
  session: Record<string, unknown>;
} {
  const local: Record<string, unknown> = {};
  const session: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'tokens' || key === 'live' || key === 'pausedUntil') session[key] = value;
    else local[key] = value;
  }
  return { local, session };
}
