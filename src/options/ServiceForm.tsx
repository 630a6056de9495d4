import { useState } from 'preact/hooks';
import { ErrorNote } from '../ui/components/ErrorNote';
import { t } from '../ui/i18n';

interface Props {
  value: string;
  /** Resolves to null when saved, else why not. */
  onSave(url: string): Promise<string | null>;
}

/** The account service's address, for self-hosters; empty means the build's default. */
export function ServiceForm({ value, onSave }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [url, setUrl] = useState(value);
  const [saved, setSaved] = useState(false);
  return (
    <form
      aria-labelledby="service-title"
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        void onSave(url.trim()).then((failure) => {
          setError(failure);
          setSaved(failure === null);
        });
      }}
    >
      <h2 id="service-title">{t('providerTitle')}</h2>
      <label>
        {t('accountService')}
        <input
          type="url"
          placeholder="http://127.0.0.1:18100"
          value={url}
          onInput={(e) => {
            setUrl(e.currentTarget.value);
            setSaved(false);
          }}
        />
      </label>
      <p class="hint">{t('accountServiceHelp')}</p>
      <ErrorNote message={error} />
      <button type="submit">{t('save')}</button>
      <p role="status">{saved ? t('saved') : ''}</p>
    </form>
  );
}
