// E-mails to the applicant about the officers' steps: integration request and its expiry, admission
// (whole or reduced), non-admission. Italian, in the common frame (renderMail).
import { formatDateTime } from '../../../italian/dates.js';
import { formatEuro } from '../../../italian/money.js';
import type { TMail } from '../../../mail/outbox.js';
import { renderMail } from '../../../mail/render-mail.js';
import type { TTenant } from '../../../tenancy/tenant.js';
import { about, contact, type TBase } from '../application/application-mails.js';
import { INTEGRATION_DAYS } from '../application/integration-deadline.js';
import { EXPIRED_INTEGRATION_NOTE } from './integration-clock.js';

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
