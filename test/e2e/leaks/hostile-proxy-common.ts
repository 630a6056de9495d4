/** What the two hostile-proxy leak files share (not a test file: no `.e2e.ts`). */
import type { Region } from '../../../src/shared/types';
import type { HostileMode, HostileProxy } from '../../support/oracles/hostile-proxy';

export const HOSTILE_MODES: readonly HostileMode[] = ['badGateway', 'closeMidStream', 'untrustedTls', 'digest', 'ntlm'];

export const regionOf = (mode: HostileMode) => `h-${mode.toLowerCase()}`;

/** One region per hostile mode, each with that one proxy as its only server. */
export function hostileRegions(proxies: Record<HostileMode, HostileProxy>): Region[] {
  return HOSTILE_MODES.map((mode) => ({
    id: regionOf(mode),
    name: `Hostile ${mode}`,
    country: 'NL',
    city: 'Loopback',
    servers: [{ id: `${regionOf(mode)}-1`, host: '127.0.0.1', port: proxies[mode].port, scheme: proxies[mode].scheme }],
  }));
}

/** A load's outcome that names a source address: the page (or socket) got through. */
export const isAddress = (outcome: string) => /^127\.0\.0\.\d+$/.test(outcome);

/** The gist of a load's outcome for the report: the browser's error name, the status, or the address. */
export const gist = (outcome: string) =>
  /ERR_\w+|NS_ERROR_\w+|SEC_ERROR_\w+|HTTP \d+|[Tt]imeout|127\.0\.0\.\d+/.exec(outcome)?.[0] ?? outcome.slice(0, 20);

export type PopupVerdict = 'error shown' | 'healthy' | 'unclear';

/**
 * The popup's verdict as a user reads it: "error shown" when the status line is not a healthy
 * Connected but Reconnecting… / Connection failed, with a hint or an alert that says why.
 */
export function popupVerdict(seen: { status: string; alert: string }): PopupVerdict {
  const status = seen.status.replace(/^\P{L}+/u, ''); // the region's flag comes first
  if (status.startsWith('Connected')) return 'healthy';
  if (/^(Reconnecting|Connection failed)/.test(status) && (seen.alert || /dropped|cannot|failed/.test(status)))
    return 'error shown';
  return 'unclear';
}

/**
 * What the popup must say after the loads. Known limits (T9), pinned so that a change is noticed:
 * - closeMidStream: a proxy that accepts and then closes mid-answer gives the same browser errors
 *   (ERR_CONNECTION_CLOSED, NS_ERROR_NET_RESET) as a site doing so; the popup stays on Connected.
 * - untrustedTls in Firefox: webRequest reports the proxy's bad certificate with the same
 *   localized sentence as a site's ("The certificate is not trusted because it is self-signed."),
 *   not an NS_ERROR_PROXY_ code, so the background does not blame the proxy.
 */
export function expectedPopup(browser: 'chromium' | 'firefox', mode: HostileMode): PopupVerdict {
  if (mode === 'closeMidStream') return 'healthy';
  if (mode === 'untrustedTls' && browser === 'firefox') return 'healthy';
  return 'error shown';
}
