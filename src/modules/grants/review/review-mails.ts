// E-mails to the applicant about the officers' steps: integration request and its expiry, admission
// (whole or reduced), non-admission, revocation, payment. Italian, in the common frame (renderMail).
import type { TMail } from '../../mail/outbox.js';
import { renderMail } from '../../mail/render-mail.js';
import type { TTenant } from '../../tenancy/tenant.js';
import { formatDateTime, formatEuro } from './call.js';
import { EXPIRED_INTEGRATION_NOTE, INTEGRATION_DAYS } from './integration-clock.js';

type TBase = { to: string; applicantName: string; protocol: string; callTitle: string };

const contact = (tenant: TTenant) =>
  `Per informazioni contatta l'ufficio all'indirizzo e-mail ${tenant.activationEmail}.`;
const about = (m: TBase) => `la tua domanda di contributo n. ${m.protocol} sul bando «${m.callTitle}»`;

export function integrationRequestedMail(
  tenant: TTenant,
  m: TBase & { message: string; dueAt: Date; applicationUrl: string },
): TMail {
  return renderMail(tenant, m.to, `Richiesta di integrazione della domanda ${m.protocol}`, [
    `Gentile ${m.applicantName},`,
    `per ${about(m)} l'ufficio chiede la seguente integrazione:`,
    m.message,
    `Puoi inviare i documenti entro ${INTEGRATION_DAYS} giorni, cioè entro il ${formatDateTime(m.dueAt)}, dalla pagina della domanda: ${m.applicationUrl}`,
    "Fino alla risposta i termini dell'istruttoria sono sospesi (una sola volta). Se l'integrazione non arriva entro il termine, la domanda sarà valutata sulla base della documentazione già presentata.",
    "Non possono essere richiesti né inviati a integrazione i documenti dell'allegato A non presentati con la domanda.",
  ]);
}

export function integrationExpiredMail(tenant: TTenant, m: TBase & { dueAt: Date }): TMail {
  return renderMail(tenant, m.to, `Termine per l'integrazione scaduto: domanda ${m.protocol}`, [
    `Gentile ${m.applicantName},`,
    `il termine per integrare ${about(m)} è scaduto il ${formatDateTime(m.dueAt)} senza che sia pervenuta l'integrazione.`,
    EXPIRED_INTEGRATION_NOTE,
  ]);
}

export function admittedMail(
  tenant: TTenant,
  m: TBase & { grantedCents: number; requestedCents: number; reduced: boolean; note: string | null },
): TMail {
  const body = m.reduced
    ? [
        `${about(m)} è stata ammessa con un contributo ridotto di ${formatEuro(m.grantedCents)} (richiesti ${formatEuro(m.requestedCents)}).`,
        ...(m.note ? [`Motivazione della riduzione: ${m.note}`] : []),
      ]
    : [
        `${about(m)} è stata ammessa: il contributo concesso è di ${formatEuro(m.grantedCents)}.`,
        ...(m.note ? [`Nota dell'ufficio: ${m.note}`] : []),
      ];
  return renderMail(tenant, m.to, `Domanda ${m.protocol} ammessa al contributo`, [
    `Gentile ${m.applicantName},`,
    ...body.map((s) => s.charAt(0).toUpperCase() + s.slice(1)),
    "Il contributo sarà erogato in un'unica soluzione con bonifico sull'IBAN indicato nella domanda.",
    contact(tenant),
  ]);
}

export function rejectedMail(tenant: TTenant, m: TBase & { cause: string; note: string | null }): TMail {
  return renderMail(tenant, m.to, `Domanda ${m.protocol} non ammessa al contributo`, [
    `Gentile ${m.applicantName},`,
    `${about(m)} non è stata ammessa al contributo per la seguente causa di non ammissione (punto 6 dell'avviso):`.replace(
      /^l/,
      'L',
    ),
    m.cause,
    ...(m.note ? [`Motivazione: ${m.note}`] : []),
    contact(tenant),
  ]);
}

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
