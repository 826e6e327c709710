// The applications of a call as CSV (";" separated, UTF-8 with BOM, as Excel in Italy opens it) and XLSX:
// protocol, arrival time with milliseconds, arrival sequence, applicant, codice fiscale, municipality,
// new appliance type, amounts, status, funding, payment date.
import ExcelJS from 'exceljs';
import type { TDb } from '../../../db/database.js';
import { formatArrival, formatDateTime } from '../../../italian/dates.js';
import { formatEuroPlain } from '../../../italian/money.js';
import type { TenantId } from '../../../tenancy/tenant.js';
import { answerText, applicantSortName, draftAnswers, readDraft } from '../application/allegato-a/answers.js';
import { FUNDING_LABELS, STATUS_LABELS, type TApplicationStatus } from '../application/queries.js';
import { type TGrantCall } from '../calls/call.js';
import type { TFundingState } from '../funding/allocation-rules.js';
import { toCsv } from './csv-file.js';

export type TExportRow = {
  protocol: string;
  submittedAt: Date | null;
  seq: number;
  applicant: string;
  taxCode: string;
  municipality: string;
  newType: string;
  requestedCents: number;
  reservedCents: number;
  status: string;
  funding: string;
  paidAt: Date | null;
};

export const EXPORT_HEADERS = [
  'Protocollo',
  'Arrivo (data e ora con millesimi)',
  'Sequenza di arrivo',
  'Richiedente',
  'Codice fiscale',
  "Comune dell'immobile",
  'Tipologia nuovo generatore',
  'Contributo richiesto (€)',
  'Fondi prenotati (€)',
  'Stato',
  'Fondi',
  'Pagata il',
] as const;

export async function exportRows(db: TDb, tenantId: TenantId, call: TGrantCall): Promise<TExportRow[]> {
  const rows = await db
    .selectFrom('grant_applications')
    .select([
      'protocol',
      'submitted_at',
      'arrival_seq',
      'applicant_cf',
      'data',
      'requested_cents',
      'reserved_cents',
      'status',
      'funding',
      'paid_at',
    ])
    .where('tenant_id', '=', tenantId)
    .where('call_id', '=', call.id)
    .where('arrival_seq', 'is not', null)
    .orderBy('arrival_seq')
    .execute();
  return rows.map((r) => {
    const draft = readDraft(r.data);
    const d = draftAnswers(draft);
    return {
      protocol: r.protocol ?? '',
      submittedAt: r.submitted_at,
      seq: Number(r.arrival_seq),
      applicant: applicantSortName(d),
      taxCode: r.applicant_cf ?? d.tax_code ?? '',
      municipality: d.prop_municipality ?? '',
      newType: answerText(call, 'new_type', draft),
      requestedCents: Number(r.requested_cents ?? 0),
      reservedCents: Number(r.reserved_cents),
      status: STATUS_LABELS[r.status as TApplicationStatus] ?? r.status,
      funding: FUNDING_LABELS[r.funding as TFundingState] ?? r.funding,
      paidAt: r.paid_at,
    };
  });
}

export function applicationsCsv(rows: readonly TExportRow[]): Buffer {
  return toCsv([
    [...EXPORT_HEADERS],
    ...rows.map((r) => [
      r.protocol,
      r.submittedAt ? formatArrival(r.submittedAt) : '',
      String(r.seq),
      r.applicant,
      r.taxCode,
      r.municipality,
      r.newType,
      formatEuroPlain(r.requestedCents),
      formatEuroPlain(r.reservedCents),
      r.status,
      r.funding,
      r.paidAt ? formatDateTime(r.paidAt) : '',
    ]),
  ]);
}

export async function applicationsXlsx(rows: readonly TExportRow[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Focolare';
  wb.title = title;
  const ws = wb.addWorksheet('Domande');
  ws.columns = EXPORT_HEADERS.map((h, i) => ({
    header: h,
    key: `c${i}`,
    width: [16, 26, 10, 30, 18, 20, 30, 14, 14, 24, 28, 18][i],
  }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    ws.addRow([
      r.protocol,
      r.submittedAt ? formatArrival(r.submittedAt) : '',
      r.seq,
      r.applicant,
      r.taxCode,
      r.municipality,
      r.newType,
      r.requestedCents / 100,
      r.reservedCents / 100,
      r.status,
      r.funding,
      r.paidAt ? formatDateTime(r.paidAt) : '',
    ]);
  }
  for (const c of [8, 9]) ws.getColumn(c).numFmt = '#,##0.00';
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer);
}
