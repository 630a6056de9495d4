/** The site's German texts: the keys of server/site/locales/en.ts, nothing more or less. */
import type { SiteTexts } from './en.ts';

export const de: SiteTexts = {
  lang: 'de',
  siteName: 'Zone VPN',
  footer: { privacy: 'Datenschutz', contact: 'Kontakt' },
  form: { email: 'E-Mail', password: 'Passwort', currentPassword: 'Aktuelles Passwort', newPassword: 'Neues Passwort' },
  signup: {
    title: 'Konto erstellen',
    hint: 'Mindestens 10 Zeichen. Wir senden einen Link, um die Adresse zu bestätigen; er gilt einmal, 24 Stunden lang.',
    submit: 'Konto erstellen',
    haveAccount: 'Schon ein Konto?',
    login: 'Anmelden',
  },
  login: {
    title: 'Anmelden',
    submit: 'Anmelden',
    noAccount: 'Noch kein Konto?',
    create: 'Jetzt erstellen',
    forgot: 'Passwort vergessen?',
  },
  confirmEmail: {
    title: 'E-Mail-Adresse bestätigen',
    text: 'Bestätigen Sie, dass diese Adresse Ihnen gehört, um Ihr Konto freizuschalten.',
    submit: 'Meine E-Mail-Adresse bestätigen',
  },
  resetRequest: {
    title: 'Passwort zurücksetzen',
    hint: 'Hat die Adresse ein bestätigtes Konto, senden wir ihr einen Link, der einmal und eine Stunde lang gilt.',
    submit: 'Link senden',
  },
  newPassword: {
    title: 'Neues Passwort festlegen',
    hint: 'Mindestens 10 Zeichen. Alle Sitzungen, auf dieser Website und in der Erweiterung, werden beendet.',
    submit: 'Passwort festlegen',
  },
  account: {
    title: 'Ihr Konto',
    plan: 'Tarif',
    planExpires: 'Tarif läuft ab',
    never: 'nie',
    storedTitle: 'Was wir über Sie speichern',
    stored: {
      email: 'Ihre E-Mail-Adresse: {email}',
      password: 'Einen scrypt-Hash Ihres Passworts (nie das Passwort selbst)',
      plan: 'Ihren Tarif ({plan}) und sein Ablaufdatum ({expiry})',
      sessions:
        'Für jede Ihrer {sessions} angemeldeten Sitzungen: eine zufällige Kennung, den SHA-256 ihres Geheimnisses und wann sie abläuft',
      reset:
        'Solange ein von Ihnen angeforderter Link zum Zurücksetzen offen ist: den SHA-256 seines Tokens und wann er abläuft',
      tokens:
        'Wie viele Zugangstoken Sie in der laufenden Stunde genommen haben (für das Limit), nie welche Sie benutzt haben',
    },
    storedNote:
      'Keine IP-Adressen, keine Nutzungszeiten, keine Browserdaten. Unser Cookie enthält nur eine zufällige Sitzungskennung.',
    changeTitle: 'Passwort ändern',
    changeHint:
      'Mindestens 10 Zeichen. Alle anderen Sitzungen, auf dieser Website und in der Erweiterung, werden beendet.',
    changeSubmit: 'Passwort ändern',
    logout: 'Abmelden',
    logoutEverywhere: 'Überall abmelden (diese Website und jede Erweiterung)',
    delete: 'Mein Konto jetzt löschen',
  },
  errors: {
    signupInvalid: 'Geben Sie eine gültige E-Mail-Adresse (eine Zeile) und ein Passwort mit 10 bis 1024 Zeichen ein.',
    loginWrong: 'E-Mail-Adresse oder Passwort sind falsch, oder die Adresse ist noch nicht bestätigt.',
    emailInvalid: 'Geben Sie eine gültige E-Mail-Adresse (eine Zeile) ein.',
    newPasswordInvalid: 'Das neue Passwort braucht 10 bis 1024 Zeichen.',
  },
  links: {
    login: 'Anmelden',
    signupAgain: 'Erneut registrieren',
    account: 'Zurück zu Ihrem Konto',
    resetAgain: 'Neuen Link anfordern',
  },
  messages: {
    checkMail: {
      title: 'Prüfen Sie Ihre E-Mails',
      text: 'Wenn diese Adresse verwendet werden kann, ist eine E-Mail an sie unterwegs. Öffnen Sie den Link darin innerhalb von 24 Stunden, um Ihr Konto zu bestätigen, und melden Sie sich dann an.',
    },
    signupUnavailable: {
      title: 'Registrierung nicht verfügbar',
      text: 'Dieser Anbieter hat keinen Mailserver eingerichtet und kann daher keine neuen Konten bestätigen. Fragen Sie seinen Betreiber.',
    },
    mailFailed: {
      title: 'E-Mail konnte nicht gesendet werden',
      text: 'Wir konnten die E-Mail gerade nicht senden. Nichts wurde gespeichert; bitte versuchen Sie es später erneut.',
    },
    approved: {
      title: 'Konto bestätigt',
      text: 'Ihre E-Mail-Adresse ist bestätigt. Sie können sich jetzt hier und in der Erweiterung anmelden.',
    },
    approvalExpired: {
      title: 'Link abgelaufen',
      text: 'Dieser Bestätigungslink ist abgelaufen, und das darauf wartende Konto wird gelöscht. Registrieren Sie sich erneut.',
    },
    approvalInvalid: {
      title: 'Link ungültig',
      text: 'Dieser Bestätigungslink ist ungültig: Er wurde schon benutzt, ist abgelaufen oder wurde nie ausgestellt.',
    },
    slowDown: {
      title: 'Zu viele Versuche',
      text: 'Zu viele Versuche von hier oder für diese Adresse; versuchen Sie es in {seconds} Sekunden erneut.',
    },
    passwordInvalid: {
      title: 'Passwort nicht geändert',
      text: 'Das neue Passwort braucht 10 bis 1024 Zeichen. Nichts wurde geändert.',
    },
    passwordWrong: {
      title: 'Passwort nicht geändert',
      text: 'Das aktuelle Passwort ist falsch. Nichts wurde geändert.',
    },
    passwordChanged: {
      title: 'Passwort geändert',
      text: 'Ihr Passwort ist geändert. Alle anderen Sitzungen, auf dieser Website und in der Erweiterung, sind beendet.',
    },
    resetUnavailable: {
      title: 'Zurücksetzen nicht verfügbar',
      text: 'Dieser Anbieter hat keinen Mailserver eingerichtet und kann daher keine Links zum Zurücksetzen senden. Fragen Sie seinen Betreiber.',
    },
    resetSent: {
      title: 'Prüfen Sie Ihre E-Mails',
      text: 'Hat diese Adresse ein bestätigtes Konto, ist eine E-Mail mit einem Link für ein neues Passwort unterwegs. Der Link gilt einmal, eine Stunde lang.',
    },
    resetDone: {
      title: 'Passwort festgelegt',
      text: 'Ihr neues Passwort ist festgelegt. Alle Sitzungen, auf dieser Website und in der Erweiterung, sind beendet: Melden Sie sich neu an.',
    },
    resetExpired: {
      title: 'Link abgelaufen',
      text: 'Dieser Link zum Zurücksetzen ist abgelaufen. Nichts wurde geändert.',
    },
    resetInvalid: {
      title: 'Link ungültig',
      text: 'Dieser Link zum Zurücksetzen ist ungültig: Er wurde schon benutzt, durch einen neueren ersetzt oder nie ausgestellt. Nichts wurde geändert.',
    },
    deleted: {
      title: 'Konto gelöscht',
      text: 'Ihr Konto und alles dazu Gespeicherte sind gelöscht. Auch die Sitzungen der Erweiterung sind beendet.',
    },
    formExpired: {
      title: 'Formular abgelaufen',
      text: 'Dieses Formular wurde nicht von dieser Website gesendet oder ist abgelaufen. Laden Sie die Seite neu und versuchen Sie es noch einmal.',
    },
    tooLarge: { title: 'Zu viele Daten', text: 'Das Formular hat weit mehr Daten gesendet, als es fassen kann.' },
    notUnderstood: { title: 'Formular nicht verstanden', text: 'Senden Sie das Formular von der Seite selbst.' },
    badRequest: { title: 'Ungültige Anfrage', text: 'Die Anfrage wurde nicht verstanden.' },
    unavailable: { title: 'Nicht verfügbar', text: 'Versuchen Sie es in einigen Sekunden erneut.' },
    internal: { title: 'Interner Fehler', text: 'Bei uns ist etwas schiefgegangen.' },
  },
  mails: {
    approval: {
      subject: 'Bestätigen Sie Ihr Zone-VPN-Konto',
      text: 'Jemand, hoffentlich Sie, hat mit dieser Adresse ein Zone-VPN-Konto erstellt.\n\nUm es zu bestätigen, öffnen Sie diesen Link und bestätigen Sie dort (er gilt einmal, 24 Stunden lang):\n{link}\n\nWaren Sie es nicht, ignorieren Sie diese E-Mail: Das Konto wird gelöscht, wenn der Link abläuft.\n',
    },
    alreadyRegistered: {
      subject: 'Jemand wollte sich mit Ihrer Adresse registrieren',
      text: 'Jemand wollte mit dieser Adresse ein Zone-VPN-Konto erstellen; sie hat schon eines.\nNichts wurde geändert.\n\nWaren Sie es, melden Sie sich stattdessen an: {link}\nWaren Sie es nicht, müssen Sie nichts tun.\n',
    },
    reset: {
      subject: 'Setzen Sie Ihr Zone-VPN-Passwort zurück',
      text: 'Jemand, hoffentlich Sie, möchte das Passwort des Zone-VPN-Kontos dieser Adresse zurücksetzen.\n\nUm ein neues Passwort festzulegen, öffnen Sie diesen Link (er gilt einmal, eine Stunde lang):\n{link}\n\nWaren Sie es nicht, ignorieren Sie diese E-Mail: Ihr Passwort bleibt, wie es ist.\n',
    },
  },
  privacy: {
    title: 'Datenschutzerklärung',
    intro:
      'Was dieser Anbieter über Sie speichert, in klaren Worten. Zu jedem Versprechen steht der automatische Test, der es bei jeder Änderung des Codes prüft.',
    provedBy: 'Belegt durch',
    promises: {
      onlyEmail: {
        title: 'Wir erheben nur Ihre E-Mail-Adresse',
        text: 'Zur Registrierung geben Sie eine E-Mail-Adresse und ein Passwort an. Wir speichern die Adresse, einen scrypt-Hash des Passworts (nie das Passwort), Ihren Tarif und sein Ablaufdatum. Sonst nichts.',
      },
      emailUse: {
        title: 'Ihre E-Mail-Adresse bestätigt Ihr Konto und erhält Benachrichtigungen',
        text: 'Wir verwenden die Adresse, um Ihre Registrierung zu bestätigen (ein Link, der einmal gilt), und für Benachrichtigungen zum Dienst und zu Ihrem Konto, etwa einen Link zum Zurücksetzen, den Sie angefordert haben.',
      },
      cookies: {
        title: 'Unser Cookie enthält nur eine Sitzungskennung',
        text: 'Nach der Anmeldung setzt diese Website ein einziges Cookie: eine zufällige Sitzungskennung, HttpOnly und SameSite=Strict. Keine E-Mail-Adresse, kein Name, nichts Persönliches. Vor der Anmeldung setzt sie keines.',
      },
      noLogs: {
        title: 'Keine Protokolle Ihrer Aktivität',
        text: 'Die VPN-Server protokollieren weder die besuchten Websites noch Ihre Verbindungen. Der Kontodienst schreibt keine Anfrageprotokolle, keine IP-Adressen und keine Nutzungszeiten; Anmeldeversuche werden nur als Hashes mit geheimem Schlüssel gezählt.',
      },
      unlinkable: {
        title: 'Ihr Datenverkehr lässt sich Ihrem Konto nicht zuordnen',
        text: 'Die Erweiterung bezahlt Verbindungen mit blind signierten Token: Wir signieren sie, ohne sie zu sehen, daher kann ein Token, das ein VPN-Server sieht, nicht dem Konto zugeordnet werden, das es genommen hat, auch nicht von uns, auch nicht unter Zwang.',
      },
      mails: {
        title: 'Nur die nötigen E-Mails, mit nur dem Nötigen darin',
        text: 'Reine Text-E-Mails, kein Tracking, keine Werbung: der Bestätigungslink, ein angeforderter Link zum Zurücksetzen oder ein Hinweis, dass jemand sich mit Ihrer Adresse registrieren wollte. Eine Adresse ohne Konto erhält nichts.',
      },
      deletion: {
        title: 'Ein gelöschtes Konto ist gelöscht',
        text: 'Auf Ihrer Kontoseite können Sie das Konto sofort löschen: das Konto, seine Sitzungen auf dieser Website und in der Erweiterung und seine Links sind weg, ohne Kopie.',
      },
    },
  },
  contact: {
    title: 'Kontakt',
    text: 'Fragen zu Ihrem Konto, zu dieser Datenschutzerklärung oder zum Dienst? Schreiben Sie uns:',
    note: 'Wir antworten nur von dieser Adresse und fragen nie nach Ihrem Passwort.',
  },
};
