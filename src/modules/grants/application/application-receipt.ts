// The receipt of a submitted grant application (PDF): what the citizen keeps as proof of arrival.
// Protocol number, arrival time to the millisecond, applicant, property, amount requested and the
// verification code with the public address where anyone can check it.
import { formatArrival } from '../../../italian/dates.js';
import { formatEuro } from '../../../italian/money.js';
import { renderReceiptPdf } from '../../../pdf/receipt-pdf.js';
import type { TTenant } from '../../../tenancy/tenant.js';
import { ALLEGATO_A as A, type TDraftAnswers } from './allegato-a/allegato-a.js';
import { applicantSortName, draftAnswers } from './allegato-a/answers.js';
import type { TApplication } from './queries.js';

export type TReceiptInput = {
  tenant: TTenant;
  callTitle: string;
  application: Pick<
    TApplication,
    'protocol' | 'submittedAt' | 'arrivalSeq' | 'verificationCode' | 'requestedCents' | 'data'
  >;
  /** The public verification page (…/verifica-ricevuta). */
  verifyUrl: string;
};

/** "Via Sparano 10, scala A, int. 1 – Bari" and the cadastral data, as in Allegato A point A. */
export function propertyAddress(v: TDraftAnswers): string {
  const parts = [`${v.prop_street ?? ''} ${v.prop_number ?? ''}`.trim()];
  if (v.prop_scala) parts.push(`scala ${v.prop_scala}`);
  if (v.prop_interno) parts.push(`int. ${v.prop_interno}`);
  return `${parts.join(', ')} – ${v.prop_municipality ?? ''}`;
}

export function cadastralData(v: TDraftAnswers): string {
  return [
    v.cad_section ? `${A.cad_section.label} ${v.cad_section}` : '',
    `${A.cad_sheet.label} ${v.cad_sheet ?? ''}`,
    `${A.cad_parcel.label} ${v.cad_parcel ?? ''}`,
    v.cad_sub ? `${A.cad_sub.label} ${v.cad_sub}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

export async function renderApplicationReceipt(r: TReceiptInput): Promise<Buffer> {
  const a = r.application;
  const v = draftAnswers(a.data);
  return renderReceiptPdf({
    heading: 'Ricevuta di presentazione della domanda di contributo',
    subheading: r.tenant.name,
    sections: [
      {
        title: 'Domanda',
        rows: [
          ['Numero di protocollo', a.protocol ?? ''],
          ['Data e ora di arrivo', a.submittedAt ? `${formatArrival(a.submittedAt)} (ora italiana)` : ''],
          ["Numero d'ordine di arrivo", a.arrivalSeq === null ? '' : String(a.arrivalSeq)],
          ['Bando', r.callTitle],
        ],
      },
      {
        title: 'Richiedente',
        rows: [
          ['Cognome e nome', applicantSortName(v)],
          [A.tax_code.label, v.tax_code ?? ''],
        ],
      },
      {
        title: 'Immobile oggetto di intervento',
        rows: [
          ['Indirizzo', propertyAddress(v)],
          ['Dati catastali', cadastralData(v)],
        ],
      },
      {
        title: 'Contributo',
        rows: [
          ['Contributo regionale richiesto', a.requestedCents === null ? '' : formatEuro(a.requestedCents)],
        ],
      },
      {
        title: 'Verifica della ricevuta',
        rows: [
          ['Codice di verifica', a.verificationCode ?? ''],
          ['Indirizzo di verifica', r.verifyUrl],
        ],
      },
    ],
    paragraphs: [
      "La domanda è stata registrata nell'ordine di arrivo indicato sopra. I contributi sono prenotati secondo l'ordine cronologico di arrivo delle domande fino ad esaurimento delle risorse disponibili; lo stato della domanda è consultabile nell'area riservata.",
      `Chiunque può verificare l'autenticità di questa ricevuta inserendo il codice di verifica all'indirizzo ${r.verifyUrl}: la pagina mostra protocollo, bando, data e ora di arrivo e stato, senza dati personali.`,
    ],
    footer: `Protocollo ${a.protocol ?? ''} · codice di verifica ${a.verificationCode ?? ''}`,
  });
}
