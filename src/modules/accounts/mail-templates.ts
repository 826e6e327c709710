import type { TMail } from '../../mail/outbox.js';
import { renderMail } from '../../mail/render-mail.js';
import type { TTenant } from '../../tenancy/tenant.js';

/** Italian e-mails of the accounts module. No password is ever sent by e-mail. */

export function emailVerificationMail(tenant: TTenant, to: string, fullName: string, code: string): TMail {
  return renderMail(tenant, to, `Codice di verifica dell'indirizzo e-mail – ${tenant.name}`, [
    `Gentile ${fullName},`,
    `per completare la registrazione al portale di ${tenant.name} inserisci questo codice di verifica: ${code}`,
    'Il codice vale 15 minuti e si può usare una sola volta.',
    'Se non hai chiesto tu la registrazione, ignora questo messaggio.',
  ]);
}

export function passwordResetMail(tenant: TTenant, to: string, fullName: string, code: string): TMail {
  return renderMail(tenant, to, `Recupero password – ${tenant.name}`, [
    `Gentile ${fullName},`,
    `per impostare una nuova password inserisci questo codice nella pagina di recupero: ${code}`,
    'Il codice vale 15 minuti e si può usare una sola volta.',
    'Se non hai chiesto tu il recupero della password, ignora questo messaggio: la password attuale resta valida.',
  ]);
}

export function emailChangeMail(tenant: TTenant, to: string, fullName: string, link: string): TMail {
  return renderMail(tenant, to, `Conferma il nuovo indirizzo e-mail – ${tenant.name}`, [
    `Gentile ${fullName},`,
    `hai chiesto di usare questo indirizzo per il tuo account sul portale di ${tenant.name}.`,
    `Per confermare apri questo collegamento entro 24 ore: ${link}`,
    "Finché non confermi, resta valido l'indirizzo precedente.",
  ]);
}

export function emailChangedNoticeMail(
  tenant: TTenant,
  to: string,
  fullName: string,
  newEmail: string,
): TMail {
  return renderMail(tenant, to, `Indirizzo e-mail modificato – ${tenant.name}`, [
    `Gentile ${fullName},`,
    `l'indirizzo e-mail del tuo account è stato cambiato in ${newEmail}.`,
    `Se non sei stato tu, contatta subito ${tenant.activationEmail}.`,
  ]);
}

export function passwordChangedMail(tenant: TTenant, to: string, fullName: string): TMail {
  return renderMail(tenant, to, `Password modificata – ${tenant.name}`, [
    `Gentile ${fullName},`,
    'la password del tuo account è stata modificata.',
    `Se non sei stato tu, recupera subito la password e contatta ${tenant.activationEmail}.`,
  ]);
}
