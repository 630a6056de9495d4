/** The whole UI -> background protocol. Named for what the user did; most answers are the new ViewState. */
import type { ContainerChoice, ContainersView } from './containers';
import type { AnswerError } from './errors';
import type { ImportPlan } from './import-plan';
import type { PrivacyReport } from './privacy';
import type { RegionPrefs } from './region-prefs';
import type { Settings } from './settings';
import type { SeenAddress } from './provider-types';
import type { BypassEntry, ViewState } from './view-state';

export interface Requests {
  getState(input: undefined): ViewState;
  login(input: { email: string; password: string }): ViewState;
  logout(input: undefined): ViewState;
  connect(input: { regionId: string }): ViewState;
  disconnect(input: undefined): ViewState;
  /** Protection off for a while, by the user's choice (to sign in to a Wi-Fi portal); ends by itself. */
  pause(input: { seconds: number }): ViewState;
  resume(input: undefined): ViewState;
  updateSettings(input: Partial<Settings>): ViewState;
  /** The site of a tab's URL (its registrable domain) and whether it bypasses the VPN. */
  siteStatus(input: { url: string }): SiteView;
  setSiteBypass(input: { site: string; bypass: boolean }): ViewState;
  addBypass(input: { pattern: string; regionId?: string }): ViewState;
  removeBypass(input: { pattern: string }): ViewState;
  /**
   * Merges entries into the bypass list, all or nothing: an entry with a pattern already in the list
   * replaces it (its region may change), the others are appended. One invalid entry refuses all.
   */
  importBypass(input: { entries: BypassEntry[] }): ViewState;
  /** What importing this text (the list as text, src/core/import-plan.ts) would do; changes nothing. */
  planImport(input: { text: string }): ImportPlan;
  /** The account's email, plan and plan expiry (epoch ms, null: no expiry), from the account service. */
  accountInfo(input: undefined): AccountInfo;
  /** What is stored (keys and sizes, never values) and the hosts contacted since the background started. */
  privacyReport(input: undefined): PrivacyReport;
  /** What sites see: the provider's connection check, through the proxy, while connected. */
  checkConnection(input: undefined): SeenAddress;
  /** The region picker's recently used and favourite regions (background/region-prefs.ts). */
  regionPrefs(input: undefined): RegionPrefs;
  /** Replaces the recent or the favourite list (the user connected, starred, or cleared). */
  setRegionPrefs(input: Partial<RegionPrefs>): RegionPrefs;
  /** Firefox: the containers and the way out chosen for each (null containers: the browser has none). */
  containers(input: undefined): ContainersView;
  /** Firefox: a container's own region or direct; null: it follows the VPN again. */
  setContainer(input: { cookieStoreId: string; choice: ContainerChoice | null }): ContainersView;
}

export interface AccountInfo {
  email: string;
  plan: string;
  planExpiresAt: number | null;
}

export interface SiteView {
  /** null on pages that are not websites (browser pages, extension pages, localhost). */
  site: string | null;
  bypassed: boolean;
}
export type RequestName = keyof Requests;
export type Input<K extends RequestName> = Parameters<Requests[K]>[0];
export type Output<K extends RequestName> = ReturnType<Requests[K]>;

/** The background implements exactly this: a missing handler is a compile error. */
export type Handlers = { [K in RequestName]: (input: Input<K>) => Promise<Output<K>> };

/** What crosses the boundary: data, never a thrown Error. */
export type Answer<T> = { ok: true; value: T } | { ok: false; error: AnswerError };

export type RequestMessage = { [K in RequestName]: { name: K; input: Input<K> } }[RequestName];

/** The one message the background pushes to every open UI after a change. */
export type BgEvent = { type: 'state'; state: ViewState };

export function isRequestMessage(value: unknown): value is RequestMessage {
  return typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string';
}
