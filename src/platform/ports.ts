/** The browser, as the background sees it: small ports, one adapter each. */
import type { MenuItem } from '../shared/menu-item';
import type { ContainerInfo } from '../shared/containers';
import type { FirefoxRouting } from '../shared/firefox-proxy';
import type { Status } from '../shared/view-state';
import type { PrivacySetting, ProxyControl } from '../shared/view-state';

/**
 * Chromium's proxy: the background hands it a PAC text built by core/pac-script.ts (null: clear
 * the setting). It persists in the profile and applies before the worker runs.
 */
export interface PacProxyPort {
  form: 'pac';
  /**
   * `directHosts`: never blocked by the start-up gate (the account service). No PAC (off) with
   * `holdNextStart`: the gate stays armed for the next browser start, those hosts excepted.
   */
  apply(pac: { data: string; directHosts: string[] } | null, holdNextStart?: string[] | null): Promise<void>;
  control(): Promise<ProxyControl>;
  onControlChange(listener: () => void): void;
}

/**
 * Firefox's proxy: proxy.onRequest, registered at the top level, answered by the routing the
 * background hands over (built by core/firefox-router.ts); webRequest's reports of the proxy each
 * request used go back to it (takeover detection, core/firefox-takeover.ts).
 */
export interface RouterProxyPort {
  form: 'router';
  listen(routing: FirefoxRouting): void;
}

export type BrowserProxyPort = PacProxyPort | RouterProxyPort;

export interface ProxyChallenge {
  requestId: string;
  isProxy: boolean;
  host: string;
  port: number;
  /** The auth scheme of the challenge as the browser reports it: 'basic', 'digest', 'ntlm'… */
  scheme: string;
}
export type ChallengeAnswer = { username: string; password: string } | 'cancel' | 'ignore';

export interface AuthPort {
  onChallenge(handler: (challenge: ProxyChallenge) => Promise<ChallengeAnswer>): void;
}

export interface StoragePort {
  /** All of storage.local, or only `keys` (the bypass list may hold 50,000 entries). */
  getLocal(keys?: string[]): Promise<Record<string, unknown>>;
  setLocal(items: Record<string, unknown>): Promise<void>;
  removeLocal(keys: string[]): Promise<void>;
  /** All of storage.session, or only `keys` (the bypass snapshot is large: src/background/snapshot.ts). */
  getSession(keys?: string[]): Promise<Record<string, unknown>>;
  setSession(items: Record<string, unknown>): Promise<void>;
}

export interface PrivacyPort {
  /** true: WebRTC may not use non-proxied UDP; false: give the setting back to the browser. */
  protectWebRtc(on: boolean): Promise<void>;
  /**
   * true: no DNS pre-resolution, preconnect or prerender (the browser's network prediction) while
   * connected; false: give the setting back (threats F19, T11).
   */
  stopPrediction(on: boolean): Promise<void>;
  /** The settings another extension controls now (its value wins over ours). */
  heldByOthers(): Promise<PrivacySetting[]>;
  /** A privacy setting changed (ours or another extension's). */
  onChange(listener: () => void): void;
}

export interface MessagingPort {
  onRequest(handler: (message: unknown) => Promise<unknown>): void;
  broadcast(message: unknown): void;
}

export interface RuntimePort {
  onStartup(listener: () => void): void;
  onInstalled(listener: () => void): void;
  /** An update of the extension is ready; the browser postpones it while this listener exists. */
  onUpdateAvailable(listener: () => void): void;
  /** Restarts the extension, applying a postponed update. */
  reload(): void;
  openPage(path: string): Promise<void>;
  /** Whether the user allowed the extension in private windows (else they are not proxied). */
  privateWindowsAllowed(): Promise<boolean>;
  /** A named alarm went off (registered at the top level: alarms wake a stopped background). */
  onAlarm(listener: (name: string) => void): void;
  /** Sets (or moves) the named alarm to go off once at `whenMs` (epoch ms). */
  setAlarm(name: string, whenMs: number): void;
  /** The user pressed one of the manifest's keyboard shortcuts (`commands`). */
  onCommand(listener: (name: string) => void): void;
}

export interface ActionPort {
  show(status: Status, regionCode: string | null): Promise<void>;
  showTab(tabId: number, bypassed: boolean, status: Status): Promise<void>;
  /** A tab became active or navigated to another URL. */
  onTabChanged(listener: (tabId: number, url: string) => void): void;
  activeTab(): Promise<{ id: number; url: string } | null>;
  allTabs(): Promise<{ id: number; url: string }[]>;
}

export interface ProxyFailure {
  /** The proxy the request used, when the browser says (Firefox's `proxyInfo`; Chromium does not). */
  proxy: { host: string; port: number } | null;
  /** When the request failed (the event's `timeStamp`, ms since the epoch), when given. */
  at: number | null;
}

export interface TrafficPort {
  /** A request failed because its proxy could not be reached. */
  onProxyFailure(listener: (failure: ProxyFailure) => void): void;
  /** A top-level page finished loading, with the HTTP status of its answer. */
  onPageLoaded(listener: (url: string, statusCode: number) => void): void;
}

/** What the browser passes when the user picks one of our context-menu items. */
export interface MenuClick {
  menuItemId: string;
  /** The page the menu opened on. */
  pageUrl?: string;
  /** The link the menu opened on, if any. */
  linkUrl?: string;
  /** The tab of that page (absent for a menu outside a tab). */
  tab?: { id: number; url?: string };
}

export interface MenusPort {
  /** Replaces all of the extension's context-menu items (removeAll, then create each). */
  set(items: MenuItem[]): Promise<void>;
  /** The user picked an item (registered at the top level: a click wakes a stopped background). */
  onClicked(listener: (click: MenuClick) => void): void;
  /** The UI language's text for a _locales key (menu titles). */
  message(key: string): string;
  /** Opens `url` in a new tab, next to the tab `openerTabId` when given. */
  openTab(url: string, openerTabId?: number): Promise<void>;
}

export interface ContainersPort {
  /** Firefox's containers (contextual identities); null where the browser has none (Chromium). */
  list(): Promise<ContainerInfo[] | null>;
}

/** The adapters; the background wraps `proxy` in its own port (background/platform.ts). */
export interface BrowserPlatform {
  proxy: BrowserProxyPort;
  auth: AuthPort;
  storage: StoragePort;
  privacy: PrivacyPort;
  messaging: MessagingPort;
  runtime: RuntimePort;
  action: ActionPort;
  traffic: TrafficPort;
  menus: MenusPort;
  containers: ContainersPort;
}
