import type { TMail } from '../../mail/outbox.js';
import { renderMail } from '../../mail/render-mail.js';
import type { TTenant } from '../../tenancy/tenant.js';

/** Italian e-mails of the staff registration (seed 000 § 2.3). No password is ever sent by e-mail. */

/** The documents the authority wants with the activation request (seed 000 § 2.2). */
export const ACTIVATION_DOCUMENTS = [
  'Visura Camerale aggiornata',
  'Durc in corso di validità',
  'Quietanza e polizza assicurativa in corso di validità',
  "Certificato di taratura dell'analizzatore aggiornato",
  'Eventuali altre abilitazioni per FER e/o FGAS per eventuali interventi su pompe di calore',
  'Eventuali ulteriori abilitazioni (certificazione, attestati, ecc...)',
] as const;

export function activationMessage(tenant: TTenant): string {
  return `PER L'ATTIVAZIONE CONTATTARE L'AUTORITÀ COMPETENTE ALL'INDIRIZZO E-MAIL "${tenant.activationEmail}".`;
}

const receiptAttachment = (registrationNumber: string, receipt: Buffer) => ({
  filename: `ricevuta-${registrationNumber}.pdf`,
  contentType: 'application/pdf',
  content: receipt,
});

/** To the company's legal representative: receipt, link to confirm, link to upload the documents. */
export function staffRegisteredLrMail(
  tenant: TTenant,
  m: {
    to: string;
    lrFullName: string;
    businessName: string;
    registrationNumber: string;
    staffFullName: string;
    staffTaxCode: string;
    roleLabel: string;
    username: string;
    userEmail: string;
    sentToUser: boolean;
    confirmLink: string;
    documentsLink: string;
    receipt: Buffer;
  },
): TMail {
  return renderMail(
    tenant,
    m.to,
    `Registrazione ${m.roleLabel} ${m.staffFullName} n. ${m.registrationNumber} – ditta ${m.businessName}`,
    [
      `Gentile ${m.lrFullName},`,
      `per la ditta ${m.businessName} è stata inviata la registrazione n. ${m.registrationNumber} del dipendente ${m.staffFullName} (codice fiscale ${m.staffTaxCode}) come ${m.roleLabel}, con nome utente ${m.username}. In allegato trovi la ricevuta con tutti i dati dichiarati (la password non è riportata).`,
      `Per confermare di aver effettuato tu questa registrazione apri questo collegamento entro 7 giorni (si può usare una sola volta): ${m.confirmLink}`,
      `Se non hai effettuato tu questa registrazione, non aprire il collegamento e avvisa subito l'autorità competente all'indirizzo ${tenant.activationEmail}.`,
      m.sentToUser
        ? `Abbiamo inviato all'utente (${m.userEmail}) una e-mail con il nome utente e le istruzioni per impostare la password con il recupero password.`
        : "Non è stata inviata alcuna e-mail all'utente: le credenziali dovranno essergli comunicate dal Legale Rappresentante. Al primo accesso gli sarà richiesta la modifica della password.",
      `${activationMessage(tenant)} Allegare alla richiesta di abilitazione e attivazione: ${ACTIVATION_DOCUMENTS.join('; ')}.`,
      `In alternativa puoi caricare qui i documenti, invece di inviarli per e-mail (collegamento valido 30 giorni): ${m.documentsLink}`,
    ],
    [receiptAttachment(m.registrationNumber, m.receipt)],
  );
}

/**
 * To the registered user, only when "Invia Email di registrazione all'utente" is ticked: the username and
 * the recovery page where they set their own password (a 6-digit code is e-mailed to this address).
 */
export function staffRegisteredUserMail(
  tenant: TTenant,
  m: {
    to: string;
    staffFullName: string;
    businessName: string;
    registrationNumber: string;
    roleLabel: string;
    username: string;
    recoveryLink: string;
    receipt: Buffer;
  },
): TMail {
  return renderMail(
    tenant,
    m.to,
    `Registrazione al portale ${tenant.name}: il tuo nome utente`,
    [
      `Gentile ${m.staffFullName},`,
      `il Legale Rappresentante della ditta ${m.businessName} ti ha registrato sul portale di ${tenant.name} come ${m.roleLabel} (registrazione n. ${m.registrationNumber}). In allegato trovi la ricevuta di registrazione.`,
      `Il tuo nome utente è: ${m.username}`,
      `Per sicurezza la password non viene mai inviata per e-mail. Per impostare la tua password usa il recupero password: apri ${m.recoveryLink}, inserisci il nome utente ${m.username} e riceverai a questo indirizzo un codice di 6 cifre con cui scegliere la password. In alternativa il Legale Rappresentante ti comunicherà la password che ha creato: al primo accesso ti sarà chiesto di cambiarla.`,
      `Potrai accedere solo dopo l'attivazione da parte dell'autorità competente (${tenant.activationEmail}).`,
      "Se non lavori per questa ditta o non ti aspettavi questa registrazione, avvisa l'autorità competente all'indirizzo indicato.",
    ],
    [receiptAttachment(m.registrationNumber, m.receipt)],
  );
}
