/**
 * The promises of the privacy page, each with the test that proves it (file and test name). The
 * texts are in the locale files (server/site/locales/); server/site/privacy.test.ts checks that
 * every cited test exists, so a renamed test cannot leave the page citing nothing.
 */
export interface Proof {
  file: string;
  test: string;
}

export interface PrivacyPromise {
  id: PromiseId;
  proofs: Proof[];
}

export type PromiseId = 'onlyEmail' | 'emailUse' | 'cookies' | 'noLogs' | 'unlinkable' | 'mails' | 'deletion';

export const PRIVACY_PROMISES: readonly PrivacyPromise[] = [
  {
    id: 'onlyEmail',
    proofs: [
      { file: 'server/account/store.test.ts', test: 'holds exactly the allowed tables and columns' },
      {
        file: 'server/site/site-postgres.test.ts',
        test: 'sign up, approve once, log in on the site and the API, delete: no row left with the email',
      },
    ],
  },
  {
    id: 'emailUse',
    proofs: [
      {
        file: 'server/site/site.test.ts',
        test: 'sign up, mail in the sink, approve, then the API login works (refused before, like a wrong password)',
      },
    ],
  },
  {
    id: 'cookies',
    proofs: [
      {
        file: 'server/site/site.test.ts',
        test: 'site login sets only the session cookie (with its flags); account page; logout ends the session',
      },
      { file: 'server/site/site.test.ts', test: 'pages set no cookie before login, and a form needs no cookie' },
    ],
  },
  {
    id: 'noLogs',
    proofs: [
      {
        file: 'server/proxy/no-logs.test.ts',
        test: 'after proxied GETs and CONNECTs carrying the marker, no file mentions it',
      },
      {
        file: 'server/account/store.test.ts',
        test: 'keeps login attempts only under keyed hashes: no email, no address',
      },
      {
        file: 'server/site/privacy.test.ts',
        test: 'the site prints no address while it signs up, approves and resets',
      },
    ],
  },
  {
    id: 'unlinkable',
    proofs: [
      {
        file: 'server/tokens/unlinkability-audit.test.ts',
        test: 'no token, token hash, nonce or signature a proxy saw appears in anything the account service saw or stored',
      },
      {
        file: 'server/tokens/unlinkability-audit.test.ts',
        test: 'every account was served the same single key (no per-user key could tag anyone)',
      },
      {
        file: 'server/tokens/unlinkability-audit.test.ts',
        test: 'the database holds nothing that changes with proxy use',
      },
    ],
  },
  {
    id: 'mails',
    proofs: [
      {
        file: 'server/site/password.test.ts',
        test: 'the same page for an approved, an unapproved and an unknown address; a mail only to the approved one',
      },
      {
        file: 'server/site/site.test.ts',
        test: 'a duplicate sign-up gets the same page; the owner gets a "someone tried" mail, and nothing changes',
      },
    ],
  },
  {
    id: 'deletion',
    proofs: [
      {
        file: 'server/site/site.test.ts',
        test: 'delete account: rows and sessions gone, logins fail, the SQLite file holds no trace of the email',
      },
    ],
  },
];
