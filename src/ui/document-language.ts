/** Sets <html lang> and dir from the UI's language, so screen readers and text layout follow it. */
import { directionOf, uiLanguage } from './intl';

export function applyUiLanguage(doc: Document = document): void {
  const language = uiLanguage();
  doc.documentElement.lang = language;
  doc.documentElement.dir = directionOf(language);
}
