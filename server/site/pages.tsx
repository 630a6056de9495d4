/** The site's pages, server-rendered with preact (server/site/render.ts); no script anywhere. */
import type { ComponentChildren, JSX } from 'preact';
import { PRIVACY_PROMISES } from './privacy.ts';
import { useTexts } from './texts.ts';

function Layout(props: { title: string; children: ComponentChildren }): JSX.Element {
  const t = useTexts();
  return (
    <html lang={t.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${props.title} · Zone VPN`}</title>
        <link rel="stylesheet" href="/site/style.css" />
      </head>
      <body>
        <header>
          <a href="/site/signup">Zone VPN</a>
        </header>
        <main>
          <h1>{props.title}</h1>
          {props.children}
        </main>
        <footer>
          <a href="/site/privacy">{t.footer.privacy}</a> · <a href="/site/contact">{t.footer.contact}</a>
        </footer>
      </body>
    </html>
  );
}

function Csrf(props: { token: string }): JSX.Element {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

function Credentials(props: { newPassword?: boolean }): JSX.Element {
  return (
    <>
      <label for="email">Email</label>
      <input id="email" name="email" type="email" autocomplete="email" required maxLength={254} />
      <label for="password">Password</label>
      <input
        id="password"
        name="password"
        type="password"
        autocomplete={props.newPassword ? 'new-password' : 'current-password'}
        required
        minLength={props.newPassword ? 10 : 1}
        maxLength={1024}
      />
    </>
  );
}

export function SignupPage(props: { csrf: string; error?: string }): JSX.Element {
  return (
    <Layout title="Create an account">
      {props.error && <p role="alert">{props.error}</p>}
      <form method="post" action="/site/signup">
        <Csrf token={props.csrf} />
        <Credentials newPassword />
        <p class="hint">At least 10 characters. We send a link to approve the address; it works once, for 24 hours.</p>
        <button type="submit">Create account</button>
      </form>
      <p>
        Have an account? <a href="/site/login">Log in</a>
      </p>
    </Layout>
  );
}

export function LoginPage(props: { csrf: string; error?: string }): JSX.Element {
  return (
    <Layout title="Log in">
      {props.error && <p role="alert">{props.error}</p>}
      <form method="post" action="/site/login">
        <Csrf token={props.csrf} />
        <Credentials />
        <button type="submit">Log in</button>
      </form>
      <p>
        No account yet? <a href="/site/signup">Create one</a>
      </p>
      <p>
        <a href="/site/reset">Forgot your password?</a>
      </p>
    </Layout>
  );
}

/** The page of the approval link: a button, since only its POST approves. */
export function ConfirmEmailPage(props: { csrf: string; token: string }): JSX.Element {
  return (
    <Layout title="Confirm your email">
      <p>Confirm that this address is yours to approve your account.</p>
      <form method="post" action="/site/approve">
        <Csrf token={props.csrf} />
        <input type="hidden" name="token" value={props.token} />
        <button type="submit">Confirm my email</button>
      </form>
    </Layout>
  );
}

export function ResetRequestPage(props: { csrf: string; error?: string }): JSX.Element {
  return (
    <Layout title="Reset your password">
      {props.error && <p role="alert">{props.error}</p>}
      <form method="post" action="/site/reset">
        <Csrf token={props.csrf} />
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="email" required maxLength={254} />
        <p class="hint">If the address has an approved account, we mail it a link that works once, for one hour.</p>
        <button type="submit">Send the link</button>
      </form>
    </Layout>
  );
}

function NewPassword(props: { id: string; label: string }): JSX.Element {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        name="password"
        type="password"
        autocomplete="new-password"
        required
        minLength={10}
        maxLength={1024}
      />
    </>
  );
}

/** The page of the reset link: the form for the new password. */
export function NewPasswordPage(props: { csrf: string; token: string; error?: string }): JSX.Element {
  return (
    <Layout title="Set a new password">
      {props.error && <p role="alert">{props.error}</p>}
      <form method="post" action="/site/reset/confirm">
        <Csrf token={props.csrf} />
        <input type="hidden" name="token" value={props.token} />
        <NewPassword id="password" label="New password" />
        <p class="hint">At least 10 characters. Every session, on this site and in the extension, ends.</p>
        <button type="submit">Set the password</button>
      </form>
    </Layout>
  );
}

/** A page that only says something, with an optional link onwards. */
export function MessagePage(props: {
  title: string;
  text: string;
  link?: { href: string; label: string };
}): JSX.Element {
  return (
    <Layout title={props.title}>
      <p>{props.text}</p>
      {props.link && (
        <p>
          <a href={props.link.href}>{props.link.label}</a>
        </p>
      )}
    </Layout>
  );
}

export interface AccountView {
  email: string;
  plan: string;
  planExpiresAt: number | null;
  sessions: number;
}

export function AccountPage(props: { csrf: string; account: AccountView }): JSX.Element {
  const { account } = props;
  const expiry = account.planExpiresAt === null ? 'never' : new Date(account.planExpiresAt).toISOString().slice(0, 10);
  return (
    <Layout title="Your account">
      <dl>
        <dt>Email</dt>
        <dd>{account.email}</dd>
        <dt>Plan</dt>
        <dd>{account.plan}</dd>
        <dt>Plan expires</dt>
        <dd>{expiry}</dd>
      </dl>
      <section class="box" aria-labelledby="stored">
        <h2 id="stored">What we store about you</h2>
        <ul>
          <li>Your email address: {account.email}</li>
          <li>A scrypt hash of your password (never the password)</li>
          <li>
            Your plan ({account.plan}) and its expiry ({expiry})
          </li>
          <li>
            For each of your {account.sessions} signed-in sessions: a random id, the SHA-256 of its secret, and when it
            expires
          </li>
          <li>How many access tokens you took in the current hour (to enforce the limit), never which you used</li>
        </ul>
        <p>No addresses, no times of use, no browser details. Our cookie holds only a random session id.</p>
      </section>
      <section class="box" aria-labelledby="change">
        <h2 id="change">Change your password</h2>
        <form method="post" action="/site/password">
          <Csrf token={props.csrf} />
          <label for="current">Current password</label>
          <input
            id="current"
            name="current"
            type="password"
            autocomplete="current-password"
            required
            maxLength={1024}
          />
          <NewPassword id="new-password" label="New password" />
          <p class="hint">At least 10 characters. Every other session, on this site and in the extension, ends.</p>
          <button type="submit">Change password</button>
        </form>
      </section>
      <form method="post" action="/site/logout">
        <Csrf token={props.csrf} />
        <button type="submit">Log out</button>
      </form>
      <form method="post" action="/site/logout-everywhere">
        <Csrf token={props.csrf} />
        <button type="submit">Log out everywhere (this site and every extension)</button>
      </form>
      <form method="post" action="/site/delete">
        <Csrf token={props.csrf} />
        <button type="submit" class="danger">
          Delete my account now
        </button>
      </form>
    </Layout>
  );
}

export function PrivacyPage(): JSX.Element {
  const t = useTexts().privacy;
  return (
    <Layout title={t.title}>
      <p>{t.intro}</p>
      {PRIVACY_PROMISES.map(({ id, proofs }) => (
        <section class="promise" aria-labelledby={`promise-${id}`} key={id}>
          <h2 id={`promise-${id}`}>{t.promises[id].title}</h2>
          <p>{t.promises[id].text}</p>
          <p class="hint">{t.provedBy}:</p>
          <ul class="hint">
            {proofs.map((proof) => (
              <li key={proof.test}>
                <code>{proof.file}</code>: “{proof.test}”
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

export function ContactPage(props: { email: string }): JSX.Element {
  const t = useTexts().contact;
  return (
    <Layout title={t.title}>
      <p>{t.text}</p>
      <p>
        <a href={`mailto:${props.email}`}>{props.email}</a>
      </p>
      <p class="hint">{t.note}</p>
    </Layout>
  );
}
