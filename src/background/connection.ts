/**
 * Connect and Disconnect: the user's switch, its way through "connecting" (traffic blocked until a
 * token is at hand), a Connect cut short by a worker stop, and auto-connect at browser start.
 */
import type { StoragePort } from '../platform/ports';
import { transition } from '../core/live-status';
import type { ProxyMode } from '../core/routing';
import { toUserError, UserError } from '../shared/errors';
import type { Handlers } from '../shared/messages';
import type { ProxyControl, ViewState } from '../shared/view-state';
import type { StateAccess } from './controller-context';
import { connectsAtStart } from './proxy-mode';
import type { State } from './stored-state';

export interface ConnectionInputs extends StateAccess {
  /** Sets a proxy mode as it is (here: blocking while Connect waits). */
  setProxy(mode: ProxyMode): Promise<void>;
  /** Everything but the account service of this state blocks (proxy-mode.ts). */
  blocking(s: State): ProxyMode;
  proxyControl(): Promise<ProxyControl>;
  /** A token for the region, held or fetched now (token-supply.ts). */
  tokenForConnect(regionId: string): Promise<unknown>;
  /** The session ended while connecting (session.ts). */
  dropSession(live: State['live']): Promise<void>;
  storage: Pick<StoragePort, 'getSession'>;
}

export function createConnection(inputs: ConnectionInputs) {
  const { state, update, serial, announce, applyProxy, setProxy } = inputs;

  async function connectTo(regionId: string): Promise<ViewState> {
    let s = await state();
    if (!s.session) throw new UserError('notSignedIn', 'Log in first.');
    if (!s.regions.some((r) => r.id === regionId)) throw new UserError('unknownRegion', 'That region is not offered.');
    if ((await inputs.proxyControl()) === 'otherExtension') {
      throw new UserError(
        'proxyControlledByOther',
        'Another extension controls the proxy settings. Disable it, then connect.',
      );
    }
    // Tokens are normally held already (fetched ahead of need): then Connect makes no request. When
    // none is held, the one account-service round trip starts first and the rest overlaps with it.
    const pending = inputs.tokenForConnect(regionId);
    pending.catch(() => undefined); // handled below; avoids an unhandled rejection meanwhile
    // Until a token is at hand, everything but the account service fails instead of leaking. This
    // comes before the storage writes and the broadcast: a page polling while the user clicks
    // Connect went direct for ~80 ms after the click when it came after them (transitions e2e).
    await setProxy(inputs.blocking(s));
    // Connect means "protect me": it also ends a pause.
    s = await update({ regionId, live: transition(s.live, { type: 'connect' }, false), pausedUntil: null });
    await announce();
    try {
      await pending;
      s = await update({ wantConnected: true, live: transition(s.live, { type: 'ready' }, true) });
      await applyProxy(s);
    } catch (error) {
      if (error instanceof UserError && error.code === 'sessionExpired') {
        await inputs.dropSession({ status: 'signedOut', error: { code: error.code, message: error.message } });
      } else {
        await connectFailed(s, error);
      }
    }
    return announce();
  }

  /** A Connect that got no token: the user's switch goes off, the error is shown. */
  async function connectFailed(s: State, error: unknown): Promise<void> {
    const { code, message } = toUserError(error);
    const live = transition(s.live, { type: 'failed', error: { code, message } }, false);
    await applyProxy(await update({ wantConnected: false, live }));
  }

  /**
   * Auto-connect (a setting, off by default): the first start in a browser session (memory-only
   * session storage is still empty: no snapshot yet) switches the VPN on for the chosen region. It
   * is then a restart while connected: the proxy is set before this start ends (and in Chromium the
   * start-up gate holds every request until then), tokens are fetched on the first challenge.
   */
  async function autoConnected(s: State): Promise<State> {
    return (await autoConnects(s)) ? update({ wantConnected: true, live: null }) : s;
  }

  /** Whether this run is a browser start that auto-connects (a worker wake keeps session storage). */
  async function autoConnects(s: State): Promise<boolean> {
    return !s.wantConnected && connectsAtStart(s) && (await inputs.storage.getSession()).view === undefined;
  }

  /**
   * On every wake: a Connect cut short by a worker stop (its status lives on in session storage) is
   * finished, rather than shown "connecting" forever over a proxy the stored state says is off.
   * Otherwise the stored proxy is applied again (auto-connect first). True when it finished a Connect.
   */
  async function resume(s: State): Promise<boolean> {
    if (s.live?.status === 'connecting' && !s.wantConnected && s.session && s.regionId) {
      await setProxy(inputs.blocking(s));
      await connectTo(s.regionId).catch(async (error: unknown) => {
        await connectFailed(s, error);
        await announce();
      });
      return true;
    }
    await applyProxy(await autoConnected(s));
    return false;
  }

  const handlers: Pick<Handlers, 'connect' | 'disconnect'> = {
    connect: ({ regionId }) => serial(() => connectTo(regionId)),
    disconnect: () =>
      serial(async () => {
        const s = await update({
          wantConnected: false,
          live: transition(null, { type: 'disconnect' }, false),
          pausedUntil: null,
        });
        await applyProxy(s);
        return announce();
      }),
  };

  return { connectTo, resume, autoConnects, handlers };
}
