// The citizen's e-mails about a grant application: the receipt (with the PDF), the withdrawal and the
// integration sent. Italian, plain paragraphs in the common frame (renderMail), signed by the tenant.
import type { TConfig } from '../../../config.js';
import { formatArrival, formatDateTime } from '../../../italian/dates.js';
import { formatEuro } from '../../../italian/money.js';
import type { TMail } from '../../../mail/outbox.js';
import { renderMail } from '../../../mail/render-mail.js';
import { tenantBaseUrl, type TTenant } from '../../../tenancy/tenant.js';
import type { TFundingState } from '../funding/allocation-rules.js';

/** What every e-mail about one application names. */
export type TBase = { to: string; applicantName: string; protocol: string; callTitle: string };

/** The closing line: whom to ask. */
export const contact = (tenant: TTenant) =>
  `Per informazioni contatta l'ufficio all'indirizzo e-mail ${tenant.activationEmail}.`;

/** "la tua domanda di contributo n. … sul bando «…»". */
export const about = (m: TBase) => `la tua domanda di contributo n. ${m.protocol} sul bando «${m.callTitle}»`;

/** The public page where anyone checks a receipt by its code (no personal data shown). */
export function verificationUrl(
  config: Pick<TConfig, 'publicProtocol' | 'baseDomain'>,
  tenant: TTenant,
  code?: string,
): string {
  const base = `${tenantBaseUrl(config, tenant)}/verifica-ricevuta`;
  return code ? `${base}?codice=${encodeURIComponent(code)}` : base;
}

/** A sentence on where the money stands, for e-mails and the receipt. */
export function fundingSentence(
  funding: TFundingState,
  reservedCents: number,
  requestedCents: number,
): string {
  switch (funding) {
    case 'reserved':
      return `Fondi prenotati: per la domanda sono stati prenotati ${formatEuro(reservedCents)}, in attesa dell'istruttoria.`;
    case 'partial':
      return `Fondi prenotati in parte: ${formatEuro(reservedCents)} su ${formatEuro(requestedCents)} richiesti; la domanda resta in lista d'attesa per il resto.`;
    case 'waiting':
      return "In lista d'attesa: i fondi disponibili sono esauriti; la domanda sarà finanziata, nell'ordine di arrivo, se si liberano risorse.";
    case 'released':
      return 'I fondi prenotati per la domanda sono stati rilasciati.';
    case 'none':
      return 'Nessun fondo è prenotato per la domanda.';
    default:
      return "I fondi sono in corso di assegnazione secondo l'ordine di arrivo: la pagina della domanda mostra l'esito appena deciso.";
  }
}

export type TReceiptMailInput = {
  to: string;
  applicantName: string;
  protocol: string;
  submittedAt: Date;
  callTitle: string;
  requestedCents: number;
  reservedCents: number;
  funding: TFundingState;
  verificationCode: string;
  verifyUrl: string;
  applicationUrl: string;
  pdf: Buffer;
};

export function applicationReceiptMail(tenant: TTenant, m: TReceiptMailInput): TMail {
  return renderMail(
    tenant,
    m.to,
    `Ricevuta della domanda di contributo n. ${m.protocol}`,
    [
      `Gentile ${m.applicantName},`,
      `la tua domanda di contributo sul bando «${m.callTitle}» è arrivata ed è stata registrata con il numero di protocollo ${m.protocol}.`,
      `Data e ora di arrivo: ${formatArrival(m.submittedAt)} (ora italiana). Vale l'ordine di arrivo.`,
      `Contributo regionale richiesto: ${formatEuro(m.requestedCents)}.`,
      fundingSentence(m.funding, m.reservedCents, m.requestedCents),
      `In allegato la ricevuta in PDF. Codice di verifica: ${m.verificationCode}; chiunque può controllare la ricevuta su ${m.verifyUrl}`,
      `Puoi seguire la domanda nell'area riservata: ${m.applicationUrl}`,
    ],
    [{ filename: `ricevuta_${m.protocol}.pdf`, contentType: 'application/pdf', content: m.pdf }],
  );
}

export function applicationWithdrawnMail(
  tenant: TTenant,
  m: { to: string; applicantName: string; protocol: string; callTitle: string; at: Date; released: boolean },
): TMail {
  return renderMail(tenant, m.to, `Domanda di contributo n. ${m.protocol} ritirata`, [
    `Gentile ${m.applicantName},`,
    `confermiamo che il ${formatDateTime(m.at)} hai ritirato la domanda di contributo n. ${m.protocol} sul bando «${m.callTitle}».`,
    m.released
      ? 'I fondi che erano prenotati per la domanda sono tornati disponibili per le altre domande, secondo l’ordine di arrivo.'
      : 'Per la domanda non erano prenotati fondi.',
    'Se non sei stato tu a ritirarla, contatta subito l’ente.',
  ]);
}

export function integrationAnsweredMail(
  tenant: TTenant,
  m: { to: string; applicantName: string; protocol: string; callTitle: string; at: Date; files: string[] },
): TMail {
  return renderMail(tenant, m.to, `Integrazione ricevuta – domanda n. ${m.protocol}`, [
    `Gentile ${m.applicantName},`,
    `il ${formatDateTime(m.at)} abbiamo ricevuto l’integrazione della domanda di contributo n. ${m.protocol} sul bando «${m.callTitle}».`,
    `Documenti ricevuti: ${m.files.join(', ')}.`,
    'L’istruttoria della domanda riprende; riceverai un avviso quando sarà decisa.',
  ]);
}
