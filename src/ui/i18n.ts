/** UI strings come from _locales (browser.i18n); keys are typed from the English catalogue. */
import type en from '../../public/_locales/en/messages.json';
import { ext } from './ext';

export type MessageKey = keyof typeof en;

export function t(key: MessageKey, ...substitutions: string[]): string {
  return ext?.i18n.getMessage(key, substitutions) || key;
}
