// E-mails to the beneficiary about the money: the revocation of the grant and the payment. Italian, in the
// common frame (renderMail).
import { formatEuro } from '../../../italian/money.js';
import type { TMail } from '../../../mail/outbox.js';
import { renderMail } from '../../../mail/render-mail.js';
import type { TTenant } from '../../../tenancy/tenant.js';
import { about, contact, type TBase } from '../application/application-mails.js';

export function revokedMail(tenant: TTenant, m: TBase & { reason: string; recoverCents: number }): TMail {
  return renderMail(tenant, m.to, `Revoca del contributo: domanda ${m.protocol}`, [
    `Gentile ${m.applicantName},`,
    `il contributo concesso per ${about(m)} è stato revocato (punto 9 dell'avviso).`,
    `Motivazione: ${m.reason}`,
    ...(m.recoverCents > 0
      ? [
          `Il contributo di ${formatEuro(m.recoverCents)} è già stato pagato: l'ufficio ti comunicherà le modalità per la restituzione della somma.`,
        ]
      : []),
    contact(tenant),
  ]);
}

export function paidMail(
  tenant: TTenant,
  m: TBase & { amountCents: number; orderNumber: string; ibanTail: string },
): TMail {
  return renderMail(tenant, m.to, `Contributo pagato: domanda ${m.protocol}`, [
    `Gentile ${m.applicantName},`,
    `il contributo di ${formatEuro(m.amountCents)} per ${about(m)} è stato pagato con bonifico sul conto con IBAN che termina con ${m.ibanTail} (ordine di pagamento n. ${m.orderNumber}).`,
    contact(tenant),
  ]);
}
