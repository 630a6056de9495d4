/**
 * Extension updates wait while the VPN is switched on (threats T34). Applying an update replaces the
 * background, and in Firefox no proxy.onRequest listener exists in that moment, so a request made
 * then would go direct. With a runtime.onUpdateAvailable listener the browser postpones the update:
 * Firefox to its next start (which holds requests until our listener answers), Chromium to the next
 * unload of the worker (its proxy setting stays in place). A user who is disconnected, or who
 * disconnects, gets the update at once. In memory only: a lost flag just means the browser's own
 * later moment.
 */
import type { RuntimePort } from '../platform/ports';

/** Lets the popup show the new state before the reload closes the extension's pages. */
export const RELOAD_DELAY_MS = 1_500;

export function createUpdateGate(
  runtime: Pick<RuntimePort, 'reload'>,
  delay = (f: () => void) => setTimeout(f, RELOAD_DELAY_MS),
) {
  let waiting = false;
  let scheduled = false;
  const reloadSoon = () => {
    if (scheduled) return;
    scheduled = true;
    delay(() => runtime.reload());
  };
  return {
    /** An update arrived: apply it now unless the user is protected. */
    available(switchedOn: boolean): void {
      if (switchedOn) waiting = true;
      else reloadSoon();
    },
    /** The proxy was just applied: a waiting update goes in once the VPN is off. */
    settled(switchedOn: boolean): void {
      if (waiting && !switchedOn) reloadSoon();
    },
  };
}
