/** The user's settings: schema, defaults. Everything here is the user's own choice. */
import * as v from 'valibot';

export const SettingsSchema = v.object({
  /** While connected, requests fail instead of going direct when the region's servers are down. */
  killSwitch: v.optional(v.boolean(), true),
  /** While connected, WebRTC may not use non-proxied UDP (hides the real address). */
  webrtcProtection: v.optional(v.boolean(), true),
  /** Local names and private address ranges go direct. */
  bypassLocal: v.optional(v.boolean(), true),
  /** exclude: everything through the VPN except the list; include: only the list through the VPN. */
  mode: v.optional(v.picklist(['exclude', 'include']), 'exclude'),
  /** A self-hoster's account service; empty means the build-time default. */
  accountServiceUrl: v.optional(v.string(), ''),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = v.parse(SettingsSchema, {});

/** Reads stored settings; anything unreadable falls back to the safe defaults, field by field. */
export function readSettings(stored: unknown): Settings {
  const result = v.safeParse(SettingsSchema, stored ?? {});
  return result.success ? result.output : DEFAULT_SETTINGS;
}

/** Validates a settings change from a UI; null when any field is invalid. */
export function parseSettings(value: unknown): Settings | null {
  const result = v.safeParse(SettingsSchema, value);
  return result.success ? result.output : null;
}
