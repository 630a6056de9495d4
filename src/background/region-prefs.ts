/**
 * The region picker's recently used and favourite regions: the user's own choices, in
 * storage.local under `regionPrefs` beside `regionId`. Kept apart from the controller's state:
 * nothing in routing depends on them.
 */
import type { Handlers } from '../shared/messages';
import { parseRegionPrefs } from '../shared/region-prefs';
import type { StoragePort } from '../platform/ports';

export const REGION_PREFS_KEY = 'regionPrefs';

export function createRegionPrefs(storage: StoragePort): Pick<Handlers, 'regionPrefs' | 'setRegionPrefs'> {
  // Only this key: the whole of storage.local includes the bypass list, slow to read when long.
  const read = async () => parseRegionPrefs((await storage.getLocal([REGION_PREFS_KEY]))[REGION_PREFS_KEY]);
  return {
    regionPrefs: read,
    setRegionPrefs: async (input) => {
      const next = parseRegionPrefs({ ...(await read()), ...(input ?? {}) });
      await storage.setLocal({ [REGION_PREFS_KEY]: next });
      return next;
    },
  };
}
