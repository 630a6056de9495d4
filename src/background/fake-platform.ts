/** An in-memory Platform for controller tests (never bundled): records what the background did. */
import type { MenuItem } from '../shared/menu-item';
import type { ChallengeAnswer, ProxyChallenge } from '../platform/ports';
import type { Platform, ProxyMode } from './platform';
import type { PrivacySetting, ProxyControl, Status } from '../shared/view-state';

/** What a storage area's get(keys) answers: every key, or only the ones asked for. */
const pick = (area: Record<string, unknown>, keys?: string[]) =>
  keys ? Object.fromEntries(Object.entries(area).filter(([k]) => keys.includes(k))) : area;

export function createFakePlatform(
  stored: { local?: Record<string, unknown>; session?: Record<string, unknown> } = {},
) {
  const local: Record<string, unknown> = structuredClone(stored.local ?? {});
  const session: Record<string, unknown> = structuredClone(stored.session ?? {});
  const applied: ProxyMode[] = [];
  const webrtc: boolean[] = [];
  const prediction: boolean[] = [];
  const broadcasts: unknown[] = [];
  const reloads: number[] = [];
  const icons: Status[] = [];
  const tabBadges = new Map<number, boolean>();
  const alarms = new Map<string, number>();
  /** The context-menu items after each set; tabs opened (url, opener). */
  const menuSets: MenuItem[][] = [];
  const openedTabs: { url: string; openerTabId?: number }[] = [];
  let activeTab: { id: number; url: string } | null = null;
  let backgroundTabs: { id: number; url: string }[] = [];
  let control: ProxyControl = 'ours';
  let privacyHeldByOthers: PrivacySetting[] = [];
  let containers: { cookieStoreId: string; name: string; colorCode: string }[] | null = null;
  let challengeHandler: ((c: ProxyChallenge) => Promise<ChallengeAnswer>) | null = null;

  const platform: Platform = {
    proxy: {
      listen() {},
      async apply(mode) {
        applied.push(mode);
      },
      control: async () => control,
      onControlChange() {},
    },
    auth: { onChallenge: (handler) => void (challengeHandler = handler) },
    storage: {
      getLocal: async (keys) => structuredClone(pick(local, keys)),
      setLocal: async (items) => void Object.assign(local, structuredClone(items)),
      removeLocal: async (keys) => keys.forEach((k) => delete local[k]),
      getSession: async (keys) => structuredClone(pick(session, keys)),
      setSession: async (items) => void Object.assign(session, structuredClone(items)),
    },
    privacy: {
      protectWebRtc: async (on) => void webrtc.push(on),
      stopPrediction: async (on) => void prediction.push(on),
      heldByOthers: async () => [...privacyHeldByOthers],
      onChange() {},
    },
    messaging: { onRequest() {}, broadcast: (m) => void broadcasts.push(m) },
    runtime: {
      onStartup() {},
      onInstalled() {},
      onUpdateAvailable() {},
      reload: () => void reloads.push(Date.now()),
      openPage: async () => undefined,
      privateWindowsAllowed: async () => false,
      onAlarm() {},
      setAlarm: (name, whenMs) => void alarms.set(name, whenMs),
      onCommand() {},
    },
    action: {
      show: async (status) => void icons.push(status),
      showTab: async (tabId, bypassed) => void tabBadges.set(tabId, bypassed),
      onTabChanged() {},
      activeTab: async () => activeTab,
      allTabs: async () => [...(activeTab ? [activeTab] : []), ...backgroundTabs],
    },
    traffic: { onProxyFailure() {}, onPageLoaded() {} },
    menus: {
      set: async (items) => void menuSets.push(structuredClone(items)),
      onClicked() {},
      message: (key) => `[${key}]`,
      openTab: async (url, openerTabId) => void openedTabs.push({ url, openerTabId }),
    },
    containers: { list: async () => (containers ? [...containers] : null) },
  };
  return {
    platform,
    local,
    session,
    applied,
    webrtc,
    prediction,
    broadcasts,
    reloads,
    icons,
    setControl: (c: ProxyControl) => void (control = c),
    /** Firefox's containers as contextualIdentities lists them (null: Chromium, none). */
    setContainers: (list: typeof containers) => void (containers = list),
    /** Another extension takes (or gives back) privacy settings; the test then fires onPrivacyChange. */
    setPrivacyHeldByOthers: (settings: PrivacySetting[]) => void (privacyHeldByOthers = settings),
    tabBadges,
    alarms,
    menuSets,
    openedTabs,
    setActiveTab: (tab: { id: number; url: string } | null) => void (activeTab = tab),
    /** Open tabs other than the active one. */
    setBackgroundTabs: (tabs: { id: number; url: string }[]) => void (backgroundTabs = tabs),
    /** A challenge as the browser reports it; the scheme is Basic unless a test says otherwise. */
    challenge: (c: Omit<ProxyChallenge, 'scheme'> & { scheme?: string }) =>
      challengeHandler!({ scheme: 'basic', ...c }),
  };
}
