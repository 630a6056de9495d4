/** The user's region shortcuts in the picker: recently used (newest first) and favourites (pinned). */
export interface RegionPrefs {
  recent: string[];
  favourites: string[];
}

export const NO_REGION_PREFS: RegionPrefs = { recent: [], favourites: [] };
export const MAX_RECENT = 3;
export const MAX_FAVOURITES = 50;
const ID = /^[A-Za-z0-9_.-]{1,64}$/;

/** A stored or sent value as RegionPrefs: unknown shapes and odd ids are dropped, never trusted. */
export function parseRegionPrefs(value: unknown): RegionPrefs {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const ids = (list: unknown, max: number) =>
    Array.isArray(list)
      ? [...new Set(list.filter((id): id is string => typeof id === 'string' && ID.test(id)))].slice(0, max)
      : [];
  return { recent: ids(v.recent, MAX_RECENT), favourites: ids(v.favourites, MAX_FAVOURITES) };
}

/** The list after `id` was used: it goes first, the oldest falls off. */
export const usedRegion = (prefs: RegionPrefs, id: string): RegionPrefs => ({
  ...prefs,
  recent: [id, ...prefs.recent.filter((r) => r !== id)].slice(0, MAX_RECENT),
});
