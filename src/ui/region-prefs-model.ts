/** The picker's recently used and favourite regions, kept by the background (background/region-prefs.ts). */
import { signal } from '@preact/signals-core';
import { NO_REGION_PREFS, parseRegionPrefs, usedRegion, type RegionPrefs } from '../shared/region-prefs';
import type { Client } from './client';

export function createRegionPrefsModel(client: Client) {
  const prefs = signal<RegionPrefs>(NO_REGION_PREFS);
  let loaded: Promise<void> | null = null;
  // Shown at once, confirmed by the background's answer.
  async function set(patch: Partial<RegionPrefs>) {
    prefs.value = { ...prefs.value, ...patch };
    const answer = await client.send('setRegionPrefs', patch);
    if (answer.ok) prefs.value = parseRegionPrefs(answer.value);
  }
  return {
    prefs,
    /** Asked for once, when a picker first shows: the popup's first paint does not wait for it. */
    load() {
      loaded ??= client.send('regionPrefs', undefined).then((answer) => {
        if (answer.ok) prefs.value = parseRegionPrefs(answer.value);
      });
      return loaded;
    },
    used: (id: string) => set({ recent: usedRegion(prefs.value, id).recent }),
    toggleFavourite: (id: string) => {
      const { favourites } = prefs.value;
      return set({ favourites: favourites.includes(id) ? favourites.filter((f) => f !== id) : [...favourites, id] });
    },
    clearRecent: () => set({ recent: [] }),
  };
}

export type RegionPrefsModel = ReturnType<typeof createRegionPrefsModel>;
