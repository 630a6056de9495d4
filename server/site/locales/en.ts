/** The site's English texts; every other locale has exactly these keys (server/site/locales/locales.test.ts). */
export const en = {
  lang: 'en',
  footer: { privacy: 'Privacy', contact: 'Contact' },
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
