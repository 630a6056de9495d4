import { t } from '../ui/i18n';

interface Props {
  email: string | null;
  pending: boolean;
  onLogout(): void;
}

export function AccountPanel({ email, pending, onLogout }: Props) {
  return (
    <section aria-labelledby="account-title">
      <h2 id="account-title">{t('account')}</h2>
      {email ? (
        <>
          <p>{t('signedInAs', email)}</p>
          <button type="button" disabled={pending} onClick={onLogout}>
            {t('logOut')}
          </button>
        </>
      ) : (
        <p>{t('status_signedOut')}</p>
      )}
    </section>
  );
}
