import { useState } from 'preact/hooks';
import { ErrorNote } from '../ui/components/ErrorNote';
import { t } from '../ui/i18n';

interface Props {
  value: string;
  error: string | null;
  onSave(url: string): void;
}

/** The account service's address, for self-hosters; empty means the build's default. */
export function ServiceForm({ value, error, onSave }: Props) {
  const [url, setUrl] = useState(value);
  return (
    <form
      aria-labelledby="service-title"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(url.trim());
      }}
    >
      <h2 id="service-title">{t('accountService')}</h2>
      <label>
        {t('accountService')}
        <input type="url" placeholder="http://127.0.0.1:18100" value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
      </label>
      <p class="hint">{t('accountServiceHelp')}</p>
      <ErrorNote message={error} />
      <button type="submit">{t('save')}</button>
    </form>
  );
}
