import browser from 'webextension-polyfill';
import type { MessagingPort } from './ports';

/** Only our own extension pages may talk to the background (runtime.onMessage sender check). */
function isOwnPage(sender: browser.Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && (sender.url ?? '').startsWith(browser.runtime.getURL(''));
}

export const messaging: MessagingPort = {
  onRequest(handler) {
    browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
      if (!isOwnPage(sender)) return undefined;
      return handler(message);
    });
  },
  broadcast(message) {
    // No open popup means no receiver: that is normal, not an error.
    browser.runtime.sendMessage(message).catch(() => undefined);
  },
};
