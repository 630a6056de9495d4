/**
 * The site's pages, server-rendered with preact (server/site/render.ts); no script anywhere. Every
 * text comes from the request's locale (server/site/texts.ts, server/site/locales/).
 */
import type { ComponentChildren, JSX } from 'preact';
import type { SiteTexts } from './locales/en.ts';
import { PRIVACY_PROMISES } from './privacy.ts';
import { fill, useLocale, useTexts } from './texts.ts';

export type MessageKey = keyof SiteTexts['messages'];
export type ErrorKey = keyof SiteTexts['errors'];
export type LinkKey = keyof SiteTexts['links'];

const LINKS: Readonly<Record<LinkKey, string>> = {
  login: '/site/login',
  signupAgain: '/site/signup',
  account: '/site/account',
  resetAgain: '/site/reset',
};

function Layout(props: { title: string; children: ComponentChildren }): JSX.Element {
  const { texts: t, href } = useLocale();
  return (
    <html lang={t.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${props.title} · ${t.siteName}`}</title>
        <link rel="stylesheet" href="/site/style.css" />
      </head>
      <body>
        <header>
          <a href={href('/site/signup')}>{t.siteName}</a>
        </header>
        <main>
          <h1>{props.title}</h1>
          {props.children}
        </main>
        <footer>
          <a href={href('/site/privacy')}>{t.footer.privacy}</a> ·{' '}
          <a href={href('/site/contact')}>{t.footer.contact}</a>
        </footer>
      </body>
    </html>
  );
}

/** A POST form to a site path, with its CSRF token (server/site/csrf.ts). */
function Form(props: { action: string; csrf: string; children: ComponentChildren }): JSX.Element {
  const { href } = useLocale();
  return (
    <form method="post" action={href(props.action)}>
      <input type="hidden" name="_csrf" value={props.csrf} />
      {props.children}
    </form>
  );
}

function Alert(props: { error?: ErrorKey | undefined }): JSX.Element | null {
  const t = useTexts();
  return props.error ? <p role="alert">{t.errors[props.error]}</p> : null;
}

function EmailField(): JSX.Element {
  const t = useTexts();
  return (
    <>
      <label for="email">{t.form.email}</label>
      <input id="email" name="email" type="email" autocomplete="email" required maxLength={254} />
    </>
  );
}

/** A password field: a new one (10 to 1024 characters) or one to check (1 to 1024). */
function PasswordField(props: { id: string; name: string; label: string; isNew: boolean }): JSX.Element {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.name}
        type="password"
        autocomplete={props.isNew ? 'new-password' : 'current-password'}
        required
        minLength={props.isNew ? 10 : 1}
        maxLength={1024}
      />
    </>
  );
}

export function SignupPage(props: { csrf: string; error?: ErrorKey }): JSX.Element {
  const { texts, href } = useLocale();
  const t = texts.signup;
  return (
    <Layout title={t.title}>
      <Alert error={props.error} />
      <Form action="/site/signup" csrf={props.csrf}>
        <EmailField />
        <PasswordField id="password" name="password" label={texts.form.password} isNew />
        <p class="hint">{t.hint}</p>
        <button type="submit">{t.submit}</button>
      </Form>
      <p>
        {t.haveAccount} <a href={href('/site/login')}>{t.login}</a>
      </p>
    </Layout>
  );
}

export function LoginPage(props: { csrf: string; error?: ErrorKey }): JSX.Element {
  const { texts, href } = useLocale();
  const t = texts.login;
  return (
    <Layout title={t.title}>
      <Alert error={props.error} />
      <Form action="/site/login" csrf={props.csrf}>
        <EmailField />
        <PasswordField id="password" name="password" label={texts.form.password} isNew={false} />
        <button type="submit">{t.submit}</button>
      </Form>
      <p>
        {t.noAccount} <a href={href('/site/signup')}>{t.create}</a>
      </p>
      <p>
        <a href={href('/site/reset')}>{t.forgot}</a>
      </p>
    </Layout>
  );
}

/** The page of the approval link: a button, since only its POST approves. */
export function ConfirmEmailPage(props: { csrf: string; token: string }): JSX.Element {
  const t = useTexts().confirmEmail;
  return (
    <Layout title={t.title}>
      <p>{t.text}</p>
      <Form action="/site/approve" csrf={props.csrf}>
        <input type="hidden" name="token" value={props.token} />
        <button type="submit">{t.submit}</button>
      </Form>
    </Layout>
  );
}

export function ResetRequestPage(props: { csrf: string; error?: ErrorKey }): JSX.Element {
  const t = useTexts().resetRequest;
  return (
    <Layout title={t.title}>
      <Alert error={props.error} />
      <Form action="/site/reset" csrf={props.csrf}>
        <EmailField />
        <p class="hint">{t.hint}</p>
        <button type="submit">{t.submit}</button>
      </Form>
    </Layout>
  );
}

/** The page of the reset link: the form for the new password. */
export function NewPasswordPage(props: { csrf: string; token: string; error?: ErrorKey }): JSX.Element {
  const texts = useTexts();
  const t = texts.newPassword;
  return (
    <Layout title={t.title}>
      <Alert error={props.error} />
      <Form action="/site/reset/confirm" csrf={props.csrf}>
        <input type="hidden" name="token" value={props.token} />
        <PasswordField id="password" name="password" label={texts.form.newPassword} isNew />
        <p class="hint">{t.hint}</p>
        <button type="submit">{t.submit}</button>
      </Form>
    </Layout>
  );
}

/** A page that only says something, with an optional link onwards. */
export function MessagePage(props: {
  message: MessageKey;
  values?: Record<string, string | number>;
  link?: LinkKey;
}): JSX.Element {
  const { texts, href } = useLocale();
  const { title, text } = texts.messages[props.message];
  return (
    <Layout title={title}>
      <p>{fill(text, props.values ?? {})}</p>
      {props.link && (
        <p>
          <a href={href(LINKS[props.link])}>{texts.links[props.link]}</a>
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
  const texts = useTexts();
  const t = texts.account;
  const { account } = props;
  const expiry = account.planExpiresAt === null ? t.never : new Date(account.planExpiresAt).toISOString().slice(0, 10);
  const values = { email: account.email, plan: account.plan, expiry, sessions: account.sessions };
  return (
    <Layout title={t.title}>
      <dl>
        <dt>{texts.form.email}</dt>
        <dd>{account.email}</dd>
        <dt>{t.plan}</dt>
        <dd>{account.plan}</dd>
        <dt>{t.planExpires}</dt>
        <dd>{expiry}</dd>
      </dl>
      <section class="box" aria-labelledby="stored">
        <h2 id="stored">{t.storedTitle}</h2>
        <ul>
          {Object.entries(t.stored).map(([key, text]) => (
            <li key={key}>{fill(text, values)}</li>
          ))}
        </ul>
        <p>{t.storedNote}</p>
      </section>
      <section class="box" aria-labelledby="change">
        <h2 id="change">{t.changeTitle}</h2>
        <Form action="/site/password" csrf={props.csrf}>
          <PasswordField id="current" name="current" label={texts.form.currentPassword} isNew={false} />
          <PasswordField id="new-password" name="password" label={texts.form.newPassword} isNew />
          <p class="hint">{t.changeHint}</p>
          <button type="submit">{t.changeSubmit}</button>
        </Form>
      </section>
      <Form action="/site/logout" csrf={props.csrf}>
        <button type="submit">{t.logout}</button>
      </Form>
      <Form action="/site/logout-everywhere" csrf={props.csrf}>
        <button type="submit">{t.logoutEverywhere}</button>
      </Form>
      <Form action="/site/delete" csrf={props.csrf}>
        <button type="submit" class="danger">
          {t.delete}
        </button>
      </Form>
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
