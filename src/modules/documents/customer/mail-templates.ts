import type { TMail } from '../../../mail/outbox.js';
import { renderMail } from '../../../mail/render-mail.js';
import type { TTenant } from '../../../tenancy/tenant.js';

/** Italian e-mails and SMS of the customers' document area. No password is ever sent. */

export function accountActivationMail(tenant: TTenant, to: string, fullName: string, link: string): TMail {
  return renderMail(tenant, to, `Attiva il tuo account dell'area clienti – ${tenant.name}`, [
    `Gentile ${fullName},`,
    `hai creato un account nell'area clienti del portale di ${tenant.name}. Il tuo nome utente è questo indirizzo e-mail: ${to}`,
    `Per attivarlo e scegliere la password apri questo collegamento entro 24 ore: ${link}`,
    'Il collegamento si può usare una sola volta. Se non hai chiesto tu la registrazione, ignora questo messaggio.',
  ]);
}

export function passwordResetLinkMail(tenant: TTenant, to: string, fullName: string, link: string): TMail {
  return renderMail(tenant, to, `Nuova password per l'area clienti – ${tenant.name}`, [
    `Gentile ${fullName},`,
    `per impostare una nuova password apri questo collegamento entro un'ora: ${link}`,
    'Il collegamento si può usare una sola volta.',
    'Se non hai chiesto tu una nuova password, ignora questo messaggio: la password attuale resta valida.',
  ]);
}

export function passwordSetMail(tenant: TTenant, to: string, fullName: string): TMail {
  return renderMail(tenant, to, `Password impostata – ${tenant.name}`, [
    `Gentile ${fullName},`,
    `la password del tuo account dell'area clienti è stata impostata. Per entrare usa come nome utente ${to}.`,
    `Se non sei stato tu, chiedi subito una nuova password e contatta ${tenant.activationEmail}.`,
  ]);
}

export function accountCreatedSms(tenant: TTenant): string {
  return `${tenant.name}: il tuo account dell'area clienti è stato creato. Per attivarlo apri il collegamento che ti abbiamo inviato per e-mail.`;
}
