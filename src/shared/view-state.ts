/** Exactly what a UI renders. The background sends a full snapshot after every change. */
import type { AnswerError } from './errors';
import { DEFAULT_SETTINGS, type Settings } from './settings-defaults';

export type Status =
  | 'signedOut'
  | 'disconnected'
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'error'
  /** Connected, but the user paused protection for a while (captive portal): traffic goes direct. */
  | 'paused';

export interface RegionView {
  id: string;
  name: string;
  country: string;
  city: string;
  /** 0-100 from the provider, when it reports it. */
  load?: number;
}

/** Who controls the browser's proxy setting (Chromium `levelOfControl`). */
export type ProxyControl = 'ours' | 'available' | 'otherExtension' | 'notAllowed';

export interface BypassEntry {
  /** Canonical text of the rule (core/bypass-rules formatRule). */
  pattern: string;
  /** "This site always through that region"; absent: the list's mode decides. */
  regionId?: string;
}

/** A browser privacy setting Zone VPN holds while connected (platform/privacy.ts). */
export type PrivacySetting = 'webRtc' | 'prediction';

export interface ViewState {
  status: Status;
  email: string | null;
  regions: RegionView[];
  regionId: string | null;
  error: AnswerError | null;
  proxyControl: ProxyControl;
  /** False when the user has not allowed the extension in private windows: those go unprotected. */
  privateWindowsProtected: boolean;
  /** The user switched the VPN on (it may be blocking while signed out after a session expired). */
  switchedOn: boolean;
  /** While paused: when protection resumes by itself (epoch ms); otherwise null. */
  pausedUntil: number | null;
  settings: Settings;
  bypass: BypassEntry[];
  /** The provider's token key fingerprint (hex pairs), once the issuer is known; else null. */
  tokenKey: string | null;
  /** Privacy settings that should hold now but could not be applied (another extension or a policy holds them). */
  privacyNotApplied: PrivacySetting[];
  /** While connected: what the browser's clock or language gives away about the region (core/giveaway.ts). */
  giveaway?: Giveaway | null;
}

/** The browser's time zone (named) or language (code) does not fit the region the user appears in. */
export type Giveaway = { kind: 'clock'; zone: string } | { kind: 'language'; language: string };

export const INITIAL_VIEW_STATE: ViewState = {
  status: 'signedOut',
  email: null,
  regions: [],
  regionId: null,
  error: null,
  proxyControl: 'available',
  privateWindowsProtected: true,
  switchedOn: false,
  pausedUntil: null,
  settings: DEFAULT_SETTINGS,
  bypass: [],
  tokenKey: null,
  privacyNotApplied: [],
};
