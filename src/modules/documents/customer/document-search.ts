import { z } from 'zod';
import type { TDb } from '../../../db/database.js';
import { DATE_FORMAT_MESSAGE, parseItalianDate } from '../../../italian/dates.js';
import type { TFormState } from '../../../layout/form-kit.js';
import type { TenantId } from '../../../tenancy/tenant.js';
import { DOCUMENTS_PAGE_SIZE, searchCustomerDocuments, type TDocumentFilter } from './customer-documents.js';

/** A text of the query string: trimmed and cut to `max`; anything else is empty. */
const text = (max: number) =>
  z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => (v ?? '').trim().slice(0, max));

/** The download page's query string: «Tipo», «Dal», «Al», «Testo» and the page. Never refused. */
export const ZDocumentSearch = z.object({
  tipo: text(60),
  dal: text(10),
  al: text(10),
  q: text(100),
  pagina: text(6).transform((v) => Math.max(1, Math.min(100_000, Number.parseInt(v, 10) || 1))),
});
export type TDocumentSearchQuery = z.infer<typeof ZDocumentSearch>;

export type TDocumentSearch = {
  /** The search form as typed, with a message for each wrong date (wrong dates are then ignored). */
  form: TFormState;
  filter: TDocumentFilter;
  page: number;
  /** The query string of the search without the page, for the pager links. */
  query: string;
};

/** The search of the download page, checked: a type the customer does not have is ignored. */
export function documentSearchOf(q: TDocumentSearchQuery, types: readonly string[]): TDocumentSearch {
  const values = { tipo: q.tipo, dal: q.dal, al: q.al, q: q.q };
  const errors: Record<string, string> = {};
  const from = values.dal ? parseItalianDate(values.dal) : undefined;
  const to = values.al ? parseItalianDate(values.al) : undefined;
  if (values.dal && !from) errors.dal = DATE_FORMAT_MESSAGE;
  if (values.al && !to) errors.al = DATE_FORMAT_MESSAGE;
  if (from && to && from > to) errors.al = 'La data «Al» non può precedere la data «Dal».';
  const filter: TDocumentFilter = {
    docType: types.includes(values.tipo) ? values.tipo : null,
    from: errors.dal ? null : (from ?? null),
    to: errors.al ? null : (to ?? null),
    text: values.q || null,
  };
  const query = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== '')).toString();
  return { form: { values, errors }, filter, page: q.pagina, query };
}

/** One page of the customer's documents; a page past the last one shows the last one. */
export async function findCustomerDocumentsPage(
  db: TDb,
  tenantId: TenantId,
  customerId: string,
  filter: TDocumentFilter,
  wanted: number,
) {
  let { rows, total } = await searchCustomerDocuments(db, tenantId, customerId, filter, wanted);
  const pages = Math.max(1, Math.ceil(total / DOCUMENTS_PAGE_SIZE));
  const page = Math.min(wanted, pages);
  if (page !== wanted)
    ({ rows, total } = await searchCustomerDocuments(db, tenantId, customerId, filter, page));
  return { rows, total, page, pages };
}
