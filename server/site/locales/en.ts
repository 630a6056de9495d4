/**
 * The site's English texts; every other locale has exactly these keys (server/site/locales/locales.test.ts).
 * `{name}` in a text is filled in by the page (server/site/texts.ts `fill`).
 */
export const en = {
  lang: 'en',
  siteName: 'Zone VPN',
  footer: { privacy: 'Privacy', contact: 'Contact' },
  form: { email: 'Email', password: 'Password', currentPassword: 'Current password', newPassword: 'New password' },
  signup: {
    title: 'Create an account',
    hint: 'At least 10 characters. We send a link to approve the address; it works once, for 24 hours.',
    submit: 'Create account',
    haveAccount: 'Have an account?',
    login: 'Log in',
  },
  login: {
    title: 'Log in',
    submit: 'Log in',
    noAccount: 'No account yet?',
    create: 'Create one',
    forgot: 'Forgot your password?',
  },
  confirmEmail: {
    title: 'Confirm your email',
    text: 'Confirm that this address is yours to approve your account.',
    submit: 'Confirm my email',
  },
  resetRequest: {
    title: 'Reset your password',
    hint: 'If the address has an approved account, we mail it a link that works once, for one hour.',
    submit: 'Send the link',
  },
  newPassword: {
    title: 'Set a new password',
    hint: 'At least 10 characters. Every session, on this site and in the extension, ends.',
    submit: 'Set the password',
  },
  account: {
    title: 'Your account',
    plan: 'Plan',
    planExpires: 'Plan expires',
    never: 'never',
    storedTitle: 'What we store about you',
    stored: {
      email: 'Your email address: {email}',
      password: 'A scrypt hash of your password (never the password)',
      plan: 'Your plan ({plan}) and its expiry ({expiry})',
      sessions:
        'For each of your {sessions} signed-in sessions: a random id, the SHA-256 of its secret, and when it expires',
      reset: 'While a password-reset link you asked for is open: the SHA-256 of its token and when it expires',
      tokens: 'How many access tokens you took in the current hour (to enforce the limit), never which you used',
    },
    storedNote: 'No addresses, no times of use, no browser details. Our cookie holds only a random session id.',
    changeTitle: 'Change your password',
    changeHint: 'At least 10 characters. Every other session, on this site and in the extension, ends.',
    changeSubmit: 'Change password',
    logout: 'Log out',
    logoutEverywhere: 'Log out everywhere (this site and every extension)',
    delete: 'Delete my account now',
  },
  errors: {
    signupInvalid: 'Enter a valid email address (one line) and a password of 10 to 1024 characters.',
    loginWrong: 'The email or the password is wrong, or the address is not approved yet.',
    emailInvalid: 'Enter a valid email address (one line).',
    newPasswordInvalid: 'The new password needs 10 to 1024 characters.',
  },
  links: {
    login: 'Log in',
    signupAgain: 'Sign up again',
    account: 'Back to your account',
    resetAgain: 'Ask for a new link',
  },
  messages: {
    checkMail: {
      title: 'Check your mail',
      text: 'If this address can be used, a mail is on its way to it. Open the link in it within 24 hours to approve your account, then log in.',
    },
    signupUnavailable: {
      title: 'Sign-up is not available',
      text: 'This provider has no mail relay configured, so it cannot approve new accounts. Ask its operator.',
    },
    mailFailed: {
      title: 'Mail could not be sent',
      text: 'We could not send the mail right now. Nothing was kept; please try again later.',
    },
    approved: {
      title: 'Account approved',
      text: 'Your email is approved. You can now log in here and in the extension.',
    },
    approvalExpired: {
      title: 'Link expired',
      text: 'This approval link has expired, and the account waiting for it is deleted. Sign up again.',
    },
    approvalInvalid: {
      title: 'Link not valid',
      text: 'This approval link is not valid: it was already used, has expired, or was never issued.',
    },
    slowDown: {
      title: 'Slow down',
      text: 'Too many attempts from here or for this address; try again in {seconds} seconds.',
    },
    passwordInvalid: {
      title: 'Password not changed',
      text: 'The new password needs 10 to 1024 characters. Nothing was changed.',
    },
    passwordWrong: { title: 'Password not changed', text: 'The current password is wrong. Nothing was changed.' },
    passwordChanged: {
      title: 'Password changed',
      text: 'Your password is changed. Every other session, on this site and in the extension, has ended.',
    },
    resetUnavailable: {
      title: 'Reset is not available',
      text: 'This provider has no mail relay configured, so it cannot send reset links. Ask its operator.',
    },
    resetSent: {
      title: 'Check your mail',
      text: 'If this address has an approved account, a mail with a link to set a new password is on its way. The link works once, for one hour.',
    },
    resetDone: {
      title: 'Password set',
      text: 'Your new password is set. Every session, on this site and in the extension, has ended: log in again.',
    },
    resetExpired: { title: 'Link expired', text: 'This reset link has expired. Nothing was changed.' },
    resetInvalid: {
      title: 'Link not valid',
      text: 'This reset link is not valid: it was already used, replaced by a newer one, or never issued. Nothing was changed.',
    },
    deleted: {
      title: 'Account deleted',
      text: 'Your account and everything stored with it are gone. Extension sessions have ended too.',
    },
    formExpired: {
      title: 'Form expired',
      text: 'This form was not sent from this site or has expired. Reload the page and try again.',
    },
    tooLarge: { title: 'Too much data', text: 'The form sent far more data than it can hold.' },
    notUnderstood: { title: 'Form not understood', text: 'Send the form from the page itself.' },
    badRequest: { title: 'Bad request', text: 'The request was not understood.' },
    unavailable: { title: 'Unavailable', text: 'Try again in a few seconds.' },
    internal: { title: 'Internal error', text: 'Something went wrong on our side.' },
  },
  mails: {
    approval: {
      subject: 'Approve your Zone VPN account',
      text: 'Someone, hopefully you, created a Zone VPN account with this address.\n\nTo approve it, open this link and confirm (it works once, for 24 hours):\n{link}\n\nIf it was not you, ignore this mail: the account is deleted when the link expires.\n',
    },
    alreadyRegistered: {
      subject: 'Someone tried to sign up with your address',
      text: 'Someone tried to create a Zone VPN account with this address, which already has one.\nNothing was changed.\n\nIf it was you, log in instead: {link}\nIf it was not you, you need to do nothing.\n',
    },
    reset: {
      subject: 'Reset your Zone VPN password',
      text: 'Someone, hopefully you, asked to reset the password of the Zone VPN account of this address.\n\nTo set a new password, open this link (it works once, for one hour):\n{link}\n\nIf it was not you, ignore this mail: your password stays as it is.\n',
    },
  },
  privacy: {
    title: 'Privacy policy',
    intro:
      'What this provider keeps about you, in plain words. Each promise names the automated test that checks it on every change of the code.',
    provedBy: 'Proved by',
    promises: {
      onlyEmail: {
        title: 'We collect only your email',
        text: 'To register you give an email address and a password. We store the address, a scrypt hash of the password (never the password), your plan and its expiry. Nothing else.',
      },
      emailUse: {
        title: 'Your email approves your account and gets notifications',
        text: 'We use the address to approve your registration (a single-use link) and to send notifications about the service and your account, such as a password-reset link you asked for.',
      },
      cookies: {
        title: 'Our cookie holds only a session id',
        text: 'After you log in, this site sets one cookie: a random session id, HttpOnly and SameSite=Strict. No email, no name, nothing personal. Before you log in it sets none.',
      },
      noLogs: {
        title: 'No logs of what you do',
        text: 'The VPN servers keep no logs of the sites you visit or of your connections. The account service writes no request logs, no addresses and no times of use; login limits are counted under keyed hashes only.',
      },
      unlinkable: {
        title: 'Your traffic cannot be tied to your account',
        text: 'The extension pays for connections with blind-signed tokens: we sign them without seeing them, so a token shown to a VPN server cannot be matched to the account that took it, even by us, even if we were compelled to.',
      },
      mails: {
        title: 'Only the mails that are needed, with only what they must say',
        text: 'Plain-text mails, no tracking, no advertising: the approval link, a reset link you asked for, or a note that someone tried to register with your address. An address without an account gets nothing.',
      },
      deletion: {
        title: 'Deleting your account deletes it',
        text: 'On your account page you can delete the account at once: the account, its sessions on this site and in the extension, and its links are gone, with no copy kept.',
      },
    },
  },
  contact: {
    title: 'Contact',
    text: 'Questions about your account, this privacy policy or the service? Write to us:',
    note: 'We answer from this address only, and never ask for your password.',
  },
};

export type SiteTexts = typeof en;
