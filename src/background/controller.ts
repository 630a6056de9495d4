/**
 * The background's one owner of state: every UI request and browser event goes through here.
 * Each change is written to storage before anything else happens, so a worker that is stopped at
 * any moment wakes with the truth. Operations run one at a time (a queue), so a double click or a
 * challenge during Connect never sees half a change.
 */
import type { AccountApi } from '../core/account-api';
import { createContactLog } from '../core/contact-log';
import { toUserError, UserError } from '../shared/errors';
import { parseSettings } from '../shared/settings';
import type { Answer, Handlers, RequestMessage } from '../shared/messages';
import type { ViewState } from '../shared/view-state';
import type { MenuClick, ProxyFailure } from '../platform/ports';
import type { Platform, ProxyMode } from './platform';
import { importedEntries, siteView, withEntries, withoutEntry, withSite } from './bypass-list';
import type { ControllerContext, StateAccess } from './controller-context';
import { createMenuClicks, createMenuSync } from './context-menu';
import { createPause } from './pause';
import { createPrivacyReport } from './privacy-report';
import { createConnectionCheck } from './connection-check';
import { browserLocale, type BrowserLocale } from '../core/giveaway';
import { createChallengeAnswerer } from './proxy-challenge';
import { createContainerRequests } from './containers';
import { createTokenSupply } from './token-supply';
import { blockingMode, proxyModeFor } from './proxy-mode';
import { createPrivacySettings } from './privacy-settings';
import { createShortcuts } from './shortcuts';
import { createTrafficStatus } from './traffic-status';
import { createUiRequests } from './options-page-requests';
import { createRegionPrefs } from './region-prefs';
import { createSnapshotWriter } from './snapshot';
import { restoreState, storageWrites, type State } from './stored-state';
import { createAccountClients } from './account-clients';
import { createSession } from './session';
import { createConnection } from './connection';
import { createRegionRefresh } from './region-refresh';
import { createUpdateGate } from './updates';
import { viewOf } from './view-of-state';

export interface ControllerDeps {
  platform: Platform;
  /**
   * Builds the account-service client for a base URL (the user may point it at a self-hosted one).
   * Called once per URL: the controller keeps the client (it remembers a 429's wait). The client
   * tells `onRequest` each request's URL, for the privacy panel's hosts.
   */
  accountApi: (baseUrl: string, onRequest: (url: string) => void) => AccountApi;
  defaultAccountUrl: string;
  now?: () => number;
  /** Jitter for token fetch back-off and schedule (tests fix it). */
  random?: () => number;
  /** For the connection check, which goes through the proxy like a page (main.ts hands it fetch; absent: refused). */
  fetch?: typeof globalThis.fetch;
  /** The time zone and language the browser shows every site (default: this context's own). */
  locale?: () => BrowserLocale;
}

/** The alarm that wakes the background to fetch the next epoch's tokens. */
export const TOKEN_ALARM = 'zone-tokens';

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

export function createController({
  platform,
  accountApi,
  defaultAccountUrl,
  now = Date.now,
  random = Math.random,
  fetch = async () => Promise.reject(new Error('no network in this controller')),
  locale = browserLocale,
}: ControllerDeps) {
  let state: Promise<State> = restoreState(platform.storage, defaultAccountUrl);
  let queue: Promise<unknown> = state;

  const contacts = createContactLog(now);
  // start() and updateSettings sign out up front when the service changed (account-clients.ts).
  const clients = createAccountClients(accountApi, defaultAccountUrl, contacts.note);
  const { urlOf: accountUrl } = clients;
  const updates = createUpdateGate(platform.runtime);
  const saveSnapshot = createSnapshotWriter(platform.storage);
  /** Privacy settings the last applyProxy could not apply (the popup tells the user). */
  const privacySettings = createPrivacySettings(platform.privacy);
  /** The context menu follows the VPN on or off and the region list (context-menu.ts). */
  const syncMenus = createMenuSync(platform.menus);

  /** Runs one operation after the previous one finished. */
  function serial<T>(operation: () => Promise<T>): Promise<T> {
    const run = queue.then(operation, operation);
    queue = run.catch(() => undefined);
    return run;
  }

  async function update(patch: Partial<State>): Promise<State> {
    const next = { ...(await state), ...patch };
    const { local, session } = storageWrites(patch);
    if (Object.keys(local).length) await platform.storage.setLocal(local);
    if (Object.keys(session).length) await platform.storage.setSession(session);
    state = Promise.resolve(next);
    return next;
  }

  async function view(): Promise<ViewState> {
    const [s, control, privateAllowed] = await Promise.all([
      state,
      platform.proxy.control(),
      platform.runtime.privateWindowsAllowed().catch(() => false),
    ]);
    return viewOf(s, control, privateAllowed, now(), privacySettings.notApplied(), locale());
  }

  /** Sends the new state to every open UI, then to each part that follows it (`followers`). */
  async function announce(): Promise<ViewState> {
    const snapshot = await view();
    platform.messaging.broadcast({ type: 'state', state: snapshot });
    const s = await state;
    for (const follow of followers) await follow(snapshot, s);
    return snapshot;
  }

  /** Applies a proxy mode; failures the browser reports from before this moment are old news. */
  async function setProxy(mode: ProxyMode): Promise<void> {
    await platform.proxy.apply(mode);
    traffic.routeChanged(Date.now()); // the browser's event timeStamp is wall-clock time too
  }

  async function applyProxy(s: State): Promise<void> {
    await setProxy(proxyModeFor(s, accountUrl(s), now()));
    await privacySettings.apply(s);
    updates.settled(s.wantConnected);
  }

  const access: StateAccess = { state: () => state, update, serial, announce, applyProxy };
  const session = createSession({
    ...access,
    clients,
    storage: platform.storage,
    now,
    connectTo: (regionId) => connectTo(regionId),
    topUpTokens: () => topUpTokens(),
  });
  const { dropSession, sessionExpired } = session;
  const connection = createConnection({
    ...access,
    setProxy,
    blocking: (s) => blockingMode(accountUrl(s)),
    proxyControl: () => platform.proxy.control(),
    tokenForConnect: (regionId) => supply.tokenForConnect(regionId),
    dropSession,
    storage: platform.storage,
  });
  const { connectTo } = connection;

  const refreshRegions = createRegionRefresh({
    ...access,
    clients,
    sessionExpired,
    storage: platform.storage,
    now,
  });

  /**
   * Every change of the bypass list (bypass-list.ts checks it): a connected proxy picks it up at
   * once, and every open tab's toolbar badge follows.
   */
  function editBypass(edit: (list: State['bypass']) => State['bypass']): Promise<ViewState> {
    return serial(async () => {
      const s = await update({ bypass: edit((await state).bypass) });
      if (s.wantConnected) await applyProxy(s);
      const snapshot = await announce();
      // Every open tab of an edited site changes meaning, not only the active one.
      await traffic.markAllTabs(snapshot.status);
      return snapshot;
    });
  }

  const context: ControllerContext = {
    state: () => state,
    update,
    view,
    announce,
    serial,
    applyProxy,
    proxyMode: (s) => proxyModeFor(s, accountUrl(s), now()),
    sessionExpired,
    api: async () => clients.forSession(await state),
    now,
  };
  const traffic = createTrafficStatus(context, platform.action);
  const supply = createTokenSupply(context, {
    random,
    schedule: (whenMs) => platform.runtime.setAlarm(TOKEN_ALARM, whenMs),
  });
  /** Tokens for the current and next epoch, fetched in the background; failures only back off. */
  const topUpTokens = (): void => void supply.topUp().catch(() => undefined);
  const pause = createPause(context);
  /** What follows each announced state: the copy for the popup's first paint, the menu, the toolbar. */
  const followers: ((snapshot: ViewState, s: State) => Promise<void>)[] = [
    saveSnapshot,
    async (_, s) => void syncMenus(s), // not awaited: menus are rebuilt in the background
    traffic.showToolbar,
  ];

  const handlers: Handlers = {
    ...createUiRequests(context),
    ...createRegionPrefs(platform.storage),
    ...createPrivacyReport(platform.storage, contacts),
    ...createConnectionCheck({ state: () => state, sessionApi: clients.forSession, note: contacts.note, fetch, now }),
    ...createContainerRequests(context, platform.containers),
    ...pause.handlers,
    ...session.handlers,
    ...connection.handlers,
    getState: async () => {
      void refreshRegions().catch(() => undefined);
      return view();
    },

    updateSettings: (input) =>
      serial(async () => {
        const settings = parseSettings({ ...(await state).settings, ...input });
        if (!settings) throw new UserError('invalidInput', 'That setting is not valid.');
        if (settings.accountServiceUrl && !isHttpUrl(settings.accountServiceUrl)) {
          throw new UserError('invalidInput', 'The account service address must be an http(s) URL.');
        }
        // Another service: sign out locally first (its token goes to no other service); dropSession
        // also drops the access tokens, which belong to the issuer that signed them.
        await session.dropIfServiceChanged({ ...(await state), settings });
        await applyProxy(await update({ settings }));
        return announce();
      }),

    siteStatus: async ({ url }) => siteView((await state).bypass, url),

    setSiteBypass: ({ site, bypass }) => editBypass((list) => withSite(list, site, bypass)),

    addBypass: (entry) => editBypass((list) => withEntries(list, [entry])),

    removeBypass: ({ pattern }) => editBypass((list) => withoutEntry(list, pattern)),

    importBypass: (input) => editBypass((list) => withEntries(list, importedEntries(input))),
  };

  const shortcuts = createShortcuts({ state: () => state, activeTab: platform.action.activeTab, handlers });
  const menuClicks = createMenuClicks({ state: () => state, openTab: platform.menus.openTab, handlers });

  return {
    handlers,

    /** Runs on every wake: re-apply the stored proxy (no network), show the state. */
    start: () =>
      serial(async () => {
        // The settings name another service than the session's (a corrupted setting): sign out locally.
        await session.dropIfServiceChanged(await state);
        if (await connection.resume(await state)) return; // a Connect cut short, finished
        await announce();
        await pause.liftIfOver();
      }),

    /** A context-menu item was picked: context-menu.ts. A failure changes nothing. */
    onMenuClicked: (click: MenuClick) => menuClicks(click).catch(() => undefined),

    /** Installed or updated: the context menu is created afresh. */
    onInstalled: async () => syncMenus(await state, true),

    /** Keyboard shortcuts (manifest `commands`): shortcuts.ts. */
    onCommand: (name: string) => shortcuts(name),

    /** The schedule's alarm: fetch the coming epoch's tokens, whether or not the user browses. */
    onAlarm: (name: string) => {
      if (name === TOKEN_ALARM) topUpTokens();
    },

    async onMessage(message: unknown): Promise<Answer<unknown>> {
      const { name, input } = (typeof message === 'object' && message !== null ? message : {}) as RequestMessage;
      // Own handlers only: "constructor", "toString" and the like are not requests.
      const known = typeof name === 'string' && Object.hasOwn(handlers, name);
      const handler = known ? (handlers[name] as (input: unknown) => Promise<unknown>) : undefined;
      if (typeof handler !== 'function')
        return { ok: false, error: { code: 'invalidInput', message: `Unknown request ${String(name)}.` } };
      try {
        return { ok: true, value: await handler(input) };
      } catch (error) {
        const { code, message, retryAfterSeconds } = toUserError(error);
        return { ok: false, error: retryAfterSeconds ? { code, message, retryAfterSeconds } : { code, message } };
      }
    },

    /** Answers a 407 only for our own servers with a token, at most twice per request (then cancels). */
    answerProxyChallenge: createChallengeAnswerer(
      context,
      supply,
      (error) => void traffic.observe(error ? { type: 'tokenProblem', error } : { type: 'proxyFailed' }),
    ),

    /**
     * What the proxy should do now, from stored state (Firefox asks this on its first request after
     * a wake). At a browser start that auto-connects, that request (a restored tab) may come before
     * `start` has switched the VPN on: it goes where the connection is about to send it, never
     * direct (Firefox's counterpart of Chromium's start-up gate).
     */
    async currentProxyMode() {
      const s = await state;
      const starting = await connection.autoConnects(s);
      return proxyModeFor(starting ? { ...s, wantConnected: true } : s, accountUrl(s), now());
    },

    onProxyControlChange: () => void announce(),

    /**
     * A privacy setting changed: another extension may have taken one we hold (its value wins, and
     * the user is told) or given it back (ours applies again by itself).
     */
    onPrivacyChange: () => void serial(async () => privacySettings.recheck(await state)).then(() => announce()),

    /** An extension update is ready: it waits while the VPN is on (updates.ts). */
    onUpdateAvailable: () => void serial(async () => updates.available((await state).wantConnected)),

    onTabChanged: (tabId: number, url: string) => void traffic.markTab(tabId, url),

    /** A request failed at the proxy (servers unreachable): tell the user, traffic stays blocked. */
    onProxyFailure: (failure: ProxyFailure = { proxy: null, at: null }) => void traffic.onProxyFailure(failure),

    onPageLoaded: (url: string, statusCode?: number) => traffic.onPageLoaded(url, statusCode),
  };
}
