/**
 * Firefox containers (contextual identities) with their own way out: the user's choice per
 * container, a region or direct (a bypass by choice, like a bypass rule). A container without a
 * choice follows the VPN. Chromium has no containers.
 */

/** A region id, or direct: the container's requests leave without the VPN. */
export type ContainerChoice = { regionId: string } | 'direct';
/** By cookieStoreId (`firefox-container-1`). */
export type ContainerChoices = Record<string, ContainerChoice>;

/** A container as the options page lists it (contextualIdentities.query). */
export interface ContainerInfo {
  cookieStoreId: string;
  name: string;
  /** `#37adff`: the colour Firefox shows the container in. */
  colorCode: string;
}

/** What the options page's Containers section shows; `containers` null: the browser has none (Chromium). */
export interface ContainersView {
  containers: ContainerInfo[] | null;
  choices: ContainerChoices;
}

const CONTAINER_ID = /^firefox-container-[0-9]{1,9}$/;
const REGION_ID = /^[A-Za-z0-9_.-]{1,64}$/;

export const isContainerId = (id: unknown): id is string => typeof id === 'string' && CONTAINER_ID.test(id);

/** One choice as stored or sent by a UI, or null when it is not valid. */
export function readChoice(value: unknown): ContainerChoice | null {
  if (value === 'direct') return 'direct';
  const regionId = (value as { regionId?: unknown } | null)?.regionId;
  return typeof value === 'object' && typeof regionId === 'string' && REGION_ID.test(regionId) ? { regionId } : null;
}

/** Stored choices, entry by entry: an invalid one is dropped, the others kept. */
export function readContainerChoices(stored: unknown): ContainerChoices {
  const choices: ContainerChoices = {};
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return choices;
  for (const [id, value] of Object.entries(stored)) {
    const choice = readChoice(value);
    if (isContainerId(id) && choice !== null) choices[id] = choice;
  }
  return choices;
}
