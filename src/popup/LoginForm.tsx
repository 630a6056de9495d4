import { useState } from 'preact/hooks';
import { ErrorNote } from '../ui/components/ErrorNote';
import { t } from '../ui/i18n';

interface Props {
  pending: boolean;
  error: string | null;
  onLogin(email: string, password: string): void;
}

export function LoginForm({ pending, error, onLogin }: Props) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  return (
    <form
      class="login"
      onSubmit={(event) => {
        event.preventDefault();
        onLogin(email, password);
      }}
    >
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
      <ErrorNote message={error} />
      <button type="submit" class="primary" disabled={pending}>
        {pending ? t('loggingIn') : t('logIn')}
      </button>
    </form>
  );
}
