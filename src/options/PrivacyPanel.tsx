import { useState } from 'preact/hooks';
import type { Answer } from '../shared/messages';
import type { PrivacyReport, StoredItem } from '../shared/privacy';
import { ErrorNote } from '../ui/components/ErrorNote';
import { t, type MessageKey } from '../ui/i18n';
import { formatNumber, formatTime } from '../ui/intl';

interface Props {
  /** The provider's token key fingerprint once tokens were fetched (the same for every user). */
  tokenKey: string | null;
  /** Asks the background (src/background/privacy-report.ts); shown, never stored. */
  load(): Promise<Answer<PrivacyReport>>;
}

const holds = (item: StoredItem) => (item.described ? t(`stored_${item.key}` as MessageKey) : t('storedUnknown'));

/** What the extension keeps in this browser and whom it contacted, on the user's request. */
export function PrivacyPanel({ tokenKey, load }: Props) {
  const [answer, setAnswer] = useState<Answer<PrivacyReport> | null>(null);
  const report = answer?.ok ? answer.value : null;
  return (
    <section class="privacy" aria-labelledby="privacy-title">
      <h2 id="privacy-title">{t('privacyTitle')}</h2>
      <p class="hint">{t('privacyIntro')}</p>
      {tokenKey && (
        // Every user's tokens are signed with this one key: users can compare it (docs/security.md).
        <p class="token-key">{t('tokenKey', tokenKey)}</p>
      )}
      <button type="button" onClick={() => void load().then(setAnswer)}>
        {report ? t('privacyRefresh') : t('privacyShow')}
      </button>
      {answer && !answer.ok && <ErrorNote error={answer.error} />}
      {report && (
        <>
          <h3 id="stored-title">{t('privacyStoredTitle')}</h3>
          <table aria-labelledby="stored-title">
            <thead>
              <tr>
                <th scope="col">{t('privacyColKey')}</th>
                <th scope="col">{t('privacyColArea')}</th>
                <th scope="col">{t('privacyColSize')}</th>
                <th scope="col">{t('privacyColWhat')}</th>
              </tr>
            </thead>
            <tbody>
              {report.stored.map((item) => (
                <tr key={`${item.area}:${item.key}`}>
                  <td>
                    <code>{item.key}</code>
                  </td>
                  <td>{item.area === 'local' ? t('areaLocal') : t('areaSession')}</td>
                  <td class="number">{t('sizeBytes', formatNumber(item.bytes))}</td>
                  <td>{holds(item)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3 id="contacted-title">{t('privacyContactedTitle', formatTime(report.contactedSince))}</h3>
          {report.contacted.length === 0 ? (
            <p>{t('privacyNoContact')}</p>
          ) : (
            <table aria-labelledby="contacted-title">
              <thead>
                <tr>
                  <th scope="col">{t('privacyColHost')}</th>
                  <th scope="col">{t('privacyColRequests')}</th>
                  <th scope="col">{t('privacyColLast')}</th>
                </tr>
              </thead>
              <tbody>
                {report.contacted.map((c) => (
                  <tr key={c.host}>
                    <td>
                      <code>{c.host}</code>
                    </td>
                    <td class="number">{formatNumber(c.requests)}</td>
                    <td>{formatTime(c.lastAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p class="hint">{t('privacyContactedNote')}</p>
        </>
      )}
    </section>
  );
}
