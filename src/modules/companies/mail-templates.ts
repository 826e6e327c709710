import { formatItalianDate } from '../../italian/dates.js';
import type { TMail } from '../../mail/outbox.js';
import { renderMail } from '../../mail/render-mail.js';
import type { TTenant } from '../../tenancy/tenant.js';

export function companyRegisteredMail(
  tenant: TTenant,
  m: {
    to: string;
    lrFullName: string;
    businessName: string;
    registrationNumber: string;
    signLink: string;
    documentsLink: string;
    receipt: Buffer;
  },
): TMail {
  return renderMail(
    tenant,
    m.to,
    `Registrazione ditta ${m.businessName} n. ${m.registrationNumber} – firma l'autodichiarazione`,
    [
      `Gentile ${m.lrFullName},`,
      `la registrazione della ditta ${m.businessName} è stata inviata con il numero ${m.registrationNumber}. In allegato trovi la ricevuta con tutti i dati dichiarati.`,
      `Per firmare l'autodichiarazione e confermare la registrazione apri questo collegamento entro 7 giorni (si può usare una sola volta): ${m.signLink}`,
      `Per l'attivazione puoi caricare qui i documenti richiesti (visura camerale, DURC, quietanza e polizza assicurativa, certificato di taratura dell'analizzatore, abilitazioni FER/FGAS e altre), invece di inviarli per e-mail: ${m.documentsLink}`,
      'Attenzione: questa procedura registra solo la ditta e non fornisce credenziali di accesso al portale. Per ottenere le credenziali il Legale Rappresentante deve poi registrare i propri tecnici ("REGISTRA TECNICO").',
      'Se non hai richiesto tu questa registrazione, ignora il messaggio.',
    ],
    [
      {
        filename: `ricevuta-${m.registrationNumber}.pdf`,
        contentType: 'application/pdf',
        content: m.receipt,
      },
    ],
  );
}

export function newSigningLinkMail(
  tenant: TTenant,
  m: { to: string; lrFullName: string; businessName: string; registrationNumber: string; signLink: string },
): TMail {
  return renderMail(
    tenant,
    m.to,
    `Nuovo collegamento per firmare la registrazione n. ${m.registrationNumber}`,
    [
      `Gentile ${m.lrFullName},`,
      `ecco un nuovo collegamento per firmare l'autodichiarazione della ditta ${m.businessName} (registrazione n. ${m.registrationNumber}), valido 7 giorni: ${m.signLink}`,
      'I collegamenti inviati in precedenza non valgono più.',
    ],
  );
}

export function companySignedMail(
  tenant: TTenant,
  m: { to: string; lrFullName: string; businessName: string; registrationNumber: string },
): TMail {
  return renderMail(tenant, m.to, `Registrazione ditta n. ${m.registrationNumber} firmata`, [
    `Gentile ${m.lrFullName},`,
    `l'autodichiarazione della ditta ${m.businessName} (registrazione n. ${m.registrationNumber}) è firmata: la ditta risulta registrata.`,
    `Ora puoi registrare i tecnici e il personale amministrativo con "REGISTRA TECNICO". Per l'attivazione contatta l'autorità competente all'indirizzo e-mail ${tenant.activationEmail}.`,
  ]);
}

/**
 * Warning about a certification that expires in 30 days ('30d') or has expired ('day'), to the legal
 * representative (with a link to upload the renewed document) or to the staff member it belongs to.
 */
export function certificationExpiryMail(
  tenant: TTenant,
  m: {
    to: string;
    greeting: string;
    warning: '30d' | 'day';
    certificationLabel: string;
    /** "della ditta X (registrazione n. …)" or "di Nome Cognome (ditta X)". */
    owner: string;
    expiryDate: string;
    daysLeft: number;
    documentsLink: string | null;
  },
): TMail {
  const date = formatItalianDate(m.expiryDate);
  const when =
    m.daysLeft > 1
      ? `scade il ${date}, tra ${m.daysLeft} giorni`
      : m.daysLeft === 1
        ? `scade domani, ${date}`
        : m.daysLeft === 0
          ? `scade oggi, ${date}`
          : `è scaduta il ${date}`;
  const subject =
    m.warning === '30d'
      ? `Abilitazione in scadenza il ${date}: ${m.certificationLabel}`
      : m.daysLeft === 0
        ? `Abilitazione in scadenza oggi: ${m.certificationLabel}`
        : `Abilitazione scaduta il ${date}: ${m.certificationLabel}`;
  return renderMail(tenant, m.to, subject, [
    `${m.greeting},`,
    `l'abilitazione/certificazione «${m.certificationLabel}» ${m.owner} ${when}.`,
    m.warning === '30d'
      ? "Provvedi per tempo al rinnovo: un'abilitazione scaduta non consente di operare."
      : "Un'abilitazione scaduta non consente di operare: provvedi al rinnovo.",
    m.documentsLink
      ? `Puoi caricare il documento rinnovato qui (collegamento valido 30 giorni): ${m.documentsLink}`
      : `Il Legale Rappresentante della ditta può inviare all'autorità competente il documento rinnovato.`,
    `Per informazioni contatta l'autorità competente all'indirizzo e-mail ${tenant.activationEmail}.`,
  ]);
}
