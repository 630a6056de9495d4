/**
 * The `privacyReport` request: every key in storage.local and storage.session with its size (never
 * its value), and the hosts the extension contacted since the background started (memory only).
 * The sizes are src/core/storage-report.ts's, the hosts src/core/contact-log.ts's.
 */
import type { ContactLog } from '../core/contact-log';
import { storedItems } from '../core/storage-report';
import type { Handlers } from '../shared/messages';
import { LOCAL_KEYS, SESSION_KEYS } from '../shared/storage-keys';
import type { StoragePort } from '../platform/ports';

export function createPrivacyReport(storage: StoragePort, contacts: ContactLog): Pick<Handlers, 'privacyReport'> {
  return {
    privacyReport: async () => {
      const [local, session] = await Promise.all([storage.getLocal(), storage.getSession()]);
      return {
        stored: [...storedItems('local', local, LOCAL_KEYS), ...storedItems('session', session, SESSION_KEYS)],
        contacted: contacts.list(),
        contactedSince: contacts.since,
      };
    },
  };
}
