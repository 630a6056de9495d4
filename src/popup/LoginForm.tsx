import { useState } from 'preact/hooks';
import type { ViewState } from '../shared/view-state';
import { ErrorNote } from '../ui/components/ErrorNote';
import { t } from '../ui/i18n';

interface Props {
  pending: boolean;
  error: ViewState['error'];
  /** Switched on when the session ended: the kill switch keeps pages blocked until login or Disconnect. */
  switchedOn?: boolean;
  onLogin(email: string, password: string): void;
  /** The account service's address: its site has the sign-up and reset pages (server/site/). */
  service: string;
}

export function LoginForm({ pending, error, switchedOn = false, onLogin, service }: Props) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // An expired session is not the user's mistake: a note, not an alarm; but when pages stay
  // blocked because of it (kill switch), that is news the user must hear at once.
  const expired = error?.code === 'sessionExpired';
  return (
    <form
      class="login"
      aria-labelledby="login-title"
      onSubmit={(event) => {
        event.preventDefault();
        onLogin(email, password);
      }}
    >
      <h2 id="login-title">{t('loginTitle')}</h2>
      {expired && switchedOn ? (
        <p class="note blocked" role="alert">
          {t('sessionEndedBlocked')}
        </p>
      ) : expired ? (
        <p class="note">{t('sessionExpiredNote')}</p>
      ) : (
        <p class="hint">{t('loginHint')}</p>
      )}
      <label>
        {t('email')}
        <input
          type="email"
          autocomplete="username"
          required
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('password')}
        <input
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      {!expired && <ErrorNote error={error} />}
      <button type="submit" class="primary" disabled={pending}>
        {pending ? t('loggingIn') : t('logIn')}
      </button>
      <p class="links">
        {(['signup', 'reset'] as const).map((page) => (
          // The site's own links are absolute (/site/...), so its pages live at the service's root.
          <a key={page} href={new URL(`/site/${page}`, service).href} target="_blank" rel="noreferrer">
            {t(page === 'signup' ? 'createAccount' : 'forgotPassword')}
          </a>
        ))}
      </p>
    </form>
  );
}
