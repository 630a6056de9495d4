/**
 * Counted messages: `key_one`, `key_few`, `key_many` … for the plural category Intl.PluralRules
 * gives the count in the UI's language, falling back to `key` (the "other" form). The count is
 * written with Intl.NumberFormat in the same language.
 */
import { ext } from './ext';
import { t, type MessageKey } from './i18n';
import { formatNumber, pluralOf, uiLanguage } from './intl';

export function tn(key: MessageKey, count: number, ...more: string[]): string {
  const language = uiLanguage();
  const args = [formatNumber(count, language), ...more];
  const specific = ext?.i18n.getMessage(`${key}_${pluralOf(count, language)}`, args);
  return specific || t(key, ...args);
}
