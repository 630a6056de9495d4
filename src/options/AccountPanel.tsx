import { useEffect, useState } from 'preact/hooks';
import type { Answer, AccountInfo } from '../shared/messages';
import { ErrorNote } from '../ui/components/ErrorNote';
import { t } from '../ui/i18n';
import { formatDate } from '../ui/intl';

interface Props {
  email: string | null;
  pending: boolean;
  onLogout(): void;
  /** Asks the account service; the answer is shown, never stored. */
  loadAccount(): Promise<Answer<AccountInfo>>;
}

const date = (ms: number) => formatDate(ms);

export function AccountPanel({ email, pending, onLogout, loadAccount }: Props) {
  const [info, setInfo] = useState<Answer<AccountInfo> | null>(null);
  useEffect(() => {
    setInfo(null);
    if (email) void loadAccount().then(setInfo);
  }, [email]);
  return (
    <section aria-labelledby="account-title">
      <h2 id="account-title">{t('account')}</h2>
      {email ? (
        <>
          <p>{t('signedInAs', email)}</p>
          {info === null ? (
            <p class="hint">{t('loadingAccount')}</p>
          ) : info.ok ? (
            <dl class="plan">
              <dt>{t('plan')}</dt>
              <dd>{info.value.plan}</dd>
              <dt>{t('planExpires')}</dt>
              <dd>{info.value.planExpiresAt === null ? t('planNoExpiry') : date(info.value.planExpiresAt)}</dd>
            </dl>
          ) : (
            <ErrorNote error={info.error} />
          )}
          <button type="button" disabled={pending} onClick={onLogout}>
            {t('logOut')}
          </button>
        </>
      ) : (
        <p>{t('notLoggedInOptions')}</p>
      )}
    </section>
  );
}
