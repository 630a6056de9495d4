/** The settings schema: how stored settings and UI changes are read. Everything is the user's choice. */
import * as v from 'valibot';
import { DEFAULT_SETTINGS, type Settings } from './settings-defaults';

export { DEFAULT_SETTINGS, type Settings } from './settings-defaults';

export const SettingsSchema = v.object({
  killSwitch: v.optional(v.boolean(), DEFAULT_SETTINGS.killSwitch),
  webrtcProtection: v.optional(v.boolean(), DEFAULT_SETTINGS.webrtcProtection),
  bypassLocal: v.optional(v.boolean(), DEFAULT_SETTINGS.bypassLocal),
  autoConnect: v.optional(v.boolean(), DEFAULT_SETTINGS.autoConnect),
  mode: v.optional(v.picklist(['exclude', 'include']), DEFAULT_SETTINGS.mode),
  accountServiceUrl: v.optional(v.string(), DEFAULT_SETTINGS.accountServiceUrl),
});

// The schema and the plain type must describe the same thing (a compile error otherwise).
const sameShape: Settings = {} as v.InferOutput<typeof SettingsSchema>;
void sameShape;

/** Reads stored settings; anything unreadable falls back to the safe defaults, field by field. */
export function readSettings(stored: unknown): Settings {
  const fields = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const settings: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(SettingsSchema.entries)) {
    const result = v.safeParse(schema, fields[key]);
    settings[key] = result.success ? result.output : DEFAULT_SETTINGS[key as keyof Settings];
  }
  return settings as unknown as Settings;
}

/** Validates a settings change from a UI; null when any field is invalid. */
export function parseSettings(value: unknown): Settings | null {
  const result = v.safeParse(SettingsSchema, value);
  return result.success ? result.output : null;
}
