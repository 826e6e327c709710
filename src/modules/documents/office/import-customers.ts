import { FORBIDDEN_CHARACTER_NAMES, forbiddenCharacter } from '../../../http/input-guard.js';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { appendAudit, type TActor } from '../../../audit/audit-log.js';
import type { TDb } from '../../../db/database.js';
import { isPartitaIva, isPersonTaxCode, normaliseTaxCode } from '../../../italian/codice-fiscale.js';
import type { TenantId } from '../../../tenancy/tenant.js';
import type { TCustomerType } from '../customer-types.js';

/**
 * The utility's customer master data (seed 004 § 4: the association checks against it). One CSV with
 * the columns codice_cliente;tipo;nome;codice_fiscale_piva;email (separator ; or , detected from the
 * header). Rows are upserted by (ente, codice_cliente) in one transaction: a file with any wrong row
 * changes nothing, and the answer lists every wrong row as "riga N: …".
 */
export const CUSTOMER_COLUMNS = ['codice_cliente', 'tipo', 'nome', 'codice_fiscale_piva', 'email'] as const;

export type TCustomerRecord = {
  customerCode: string;
  customerType: TCustomerType;
  name: string;
  taxCode: string;
  email: string | null;
};

export type TImportResult = {
  ok: boolean;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errors: string[];
};

const MAX_ERRORS = 100;
const CHUNK = 500;

const TYPE_ALIASES: Record<string, TCustomerType> = {
  privato: 'privato',
  privata: 'privato',
  partita_iva: 'partita_iva',
  'partita iva': 'partita_iva',
  piva: 'partita_iva',
  'p.iva': 'partita_iva',
};

const zEmail = z.email();

/** Checks one record (from CSV or JSON); returns the normalised record or the Italian problems. */
export function checkCustomerRecord(raw: Record<string, unknown>): TCustomerRecord | string[] {
  // Strings (numbers from JSON are taken as their digits); anything else is reported once.
  let notText = false;
  const text = (k: string): string => {
    const v = raw[k];
    if (typeof v === 'string') return v.trim();
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (v !== null && v !== undefined) notText = true;
    return '';
  };
  const problems: string[] = [];
  const code = text('codice_cliente');
  const type = text('tipo');
  const name = text('nome');
  const tax = text('codice_fiscale_piva');
  const email = text('email');
  if (!code) problems.push('manca il codice cliente');
  else if (code.length > 40 || /\s/.test(code))
    problems.push('il codice cliente deve avere al massimo 40 caratteri, senza spazi');
  const customerType = type ? TYPE_ALIASES[type.toLowerCase()] : undefined;
  if (!type) problems.push('manca il tipo (privato o partita_iva)');
  else if (!customerType) problems.push(`tipo «${type}» non valido: usa privato o partita_iva`);
  if (!name) problems.push('manca il nome del cliente');
  else if (name.length > 200) problems.push('il nome supera 200 caratteri');
  const taxCode = tax ? normaliseTaxCode(tax) : '';
  if (!tax) problems.push('manca il codice fiscale o la partita IVA');
  else if (!isPersonTaxCode(taxCode) && !isPartitaIva(taxCode))
    problems.push(`codice fiscale o partita IVA «${tax}» non valido`);
  if (email && !zEmail.safeParse(email).success) problems.push(`e-mail «${email}» non valida`);
  if (notText) problems.push('i valori devono essere testi');
  if (problems.length > 0 || !code || !customerType || !name) return problems;
  return { customerCode: code, customerType, name: name.replace(/\s+/g, ' '), taxCode, email: email || null };
}

/** Reads the CSV text: header row required, separator ; or , (the one in the header), BOM tolerated. */
export function parseCustomersCsv(csvText: string): {
  records: Array<Record<string, string>>;
  error?: string;
} {
  const text = csvText.replace(/^\uFEFF/, '');
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (header.match(/;/g)?.length ?? 0) >= (header.match(/,/g)?.length ?? 0) ? ';' : ',';
  let rows: string[][];
  try {
    rows = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return { records: [], error: `Il file CSV non è leggibile${line ? ` (riga ${line})` : ''}.` };
  }
  const [head, ...body] = rows;
  const columns = (head ?? []).map((c) => c.trim().toLowerCase());
  const missing = CUSTOMER_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0)
    return {
      records: [],
      error: `Intestazione non valida: mancano le colonne ${missing.join(', ')}. La prima riga deve essere ${CUSTOMER_COLUMNS.join(delimiter)}.`,
    };
  return {
    records: body.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? '']))),
  };
}

/** Checks every record; `lineOf(i)` says how the i-th record is called in messages ("riga N"). */
function checkAll(raws: ReadonlyArray<Record<string, unknown>>, lineOf: (i: number) => number) {
  const errors: string[] = [];
  const records: TCustomerRecord[] = [];
  const seen = new Map<string, number>();
  raws.forEach((raw, i) => {
    const line = lineOf(i);
    const bad = Object.entries(raw).find(
      ([, v]) => typeof v === 'string' && forbiddenCharacter(v, { multiline: false }) !== undefined,
    );
    if (bad) {
      const kind = forbiddenCharacter(String(bad[1]), { multiline: false })!;
      errors.push(
        `riga ${line}: il campo ${bad[0]} contiene ${FORBIDDEN_CHARACTER_NAMES[kind]}, che non è ammesso.`,
      );
      return;
    }
    const r = checkCustomerRecord(raw);
    if (Array.isArray(r)) {
      errors.push(`riga ${line}: ${r.join('; ')}.`);
      return;
    }
    const first = seen.get(r.customerCode);
    if (first !== undefined) {
      errors.push(`riga ${line}: il codice cliente ${r.customerCode} è già alla riga ${first}.`);
      return;
    }
    seen.set(r.customerCode, line);
    records.push(r);
  });
  return { errors, records };
}

async function upsert(
  db: TDb,
  tenantId: TenantId,
  records: readonly TCustomerRecord[],
  raws: number,
  actor: TActor,
  source: string,
): Promise<TImportResult> {
  return db.transaction().execute(async (trx) => {
    let inserted = 0;
    let updated = 0;
    for (let i = 0; i < records.length; i += CHUNK) {
      const chunk = records.slice(i, i + CHUNK);
      const existing = new Map(
        (
          await trx
            .selectFrom('customers')
            .select(['customer_code', 'customer_type', 'name', 'tax_code', 'email'])
            .where('tenant_id', '=', tenantId)
            .where(
              'customer_code',
              'in',
              chunk.map((r) => r.customerCode),
            )
            .execute()
        ).map((r) => [r.customer_code, r]),
      );
      const changed = chunk.filter((r) => {
        const old = existing.get(r.customerCode);
        if (!old) return true;
        return (
          old.customer_type !== r.customerType ||
          old.name !== r.name ||
          old.tax_code !== r.taxCode ||
          old.email !== r.email
        );
      });
      inserted += changed.filter((r) => !existing.has(r.customerCode)).length;
      updated += changed.filter((r) => existing.has(r.customerCode)).length;
      if (changed.length === 0) continue;
      const now = new Date();
      await trx
        .insertInto('customers')
        .values(
          changed.map((r) => ({
            tenant_id: tenantId,
            customer_code: r.customerCode,
            customer_type: r.customerType,
            name: r.name,
            tax_code: r.taxCode,
            email: r.email,
            updated_at: now,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'customer_code']).doUpdateSet((eb) => ({
            customer_type: eb.ref('excluded.customer_type'),
            name: eb.ref('excluded.name'),
            tax_code: eb.ref('excluded.tax_code'),
            email: eb.ref('excluded.email'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
    const result = {
      ok: true,
      rows: raws,
      inserted,
      updated,
      unchanged: records.length - inserted - updated,
      errors: [],
    };
    await appendAudit(trx, tenantId, actor, {
      action: 'customers.imported',
      entityType: 'customers',
      summary: { source, rows: raws, inserted, updated, unchanged: result.unchanged },
    });
    return result;
  });
}

function refused(rows: number, errors: string[]): TImportResult {
  const shown =
    errors.length > MAX_ERRORS
      ? [...errors.slice(0, MAX_ERRORS), `… e altri ${errors.length - MAX_ERRORS} errori.`]
      : errors;
  return { ok: false, rows, inserted: 0, updated: 0, unchanged: 0, errors: shown };
}

/** The text of an uploaded CSV (UTF-8, at most 5 MB, not binary), or the Italian reason it is refused. */
export function csvUploadText(
  file: { content: Buffer; truncated: boolean } | undefined,
): { ok: true; text: string } | { ok: false; message: string } {
  if (!file) return { ok: false, message: 'Scegli il file CSV da importare.' };
  if (file.truncated) return { ok: false, message: 'Il file supera la dimensione massima di 5 MB.' };
  if (file.content.includes(0))
    return { ok: false, message: 'Il file deve essere un CSV di testo (il contenuto non lo è).' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(file.content) };
  } catch {
    return { ok: false, message: 'Il file deve essere in codifica UTF-8.' };
  }
}

/** How many customers the tenant's master data holds. */
export async function countCustomers(db: TDb, tenantId: TenantId): Promise<number> {
  const row = await db
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Imports the CSV text (see the module comment). Line numbers count the header as riga 1. */
export async function importCustomersCsv(
  db: TDb,
  tenantId: TenantId,
  csvText: string,
  actor: TActor,
  source = 'csv',
): Promise<TImportResult> {
  const parsed = parseCustomersCsv(csvText);
  if (parsed.error) return refused(0, [parsed.error]);
  if (parsed.records.length === 0)
    return refused(0, ['Il file non contiene clienti dopo la riga di intestazione.']);
  const { errors, records } = checkAll(parsed.records, (i) => i + 2);
  if (errors.length > 0) return refused(parsed.records.length, errors);
  return upsert(db, tenantId, records, parsed.records.length, actor, source);
}

/** The same import from a JSON array of objects with the CSV's column names ("riga N" = element N, from 1). */
export async function importCustomersJson(
  db: TDb,
  tenantId: TenantId,
  items: unknown,
  actor: TActor,
): Promise<TImportResult> {
  if (!Array.isArray(items))
    return refused(0, [
      `Il corpo deve essere un array di oggetti con i campi ${CUSTOMER_COLUMNS.join(', ')}.`,
    ]);
  if (items.length === 0) return refused(0, ["L'array non contiene clienti."]);
  const raws = items.map((it) =>
    it && typeof it === 'object' && !Array.isArray(it) ? (it as Record<string, unknown>) : {},
  );
  const { errors, records } = checkAll(raws, (i) => i + 1);
  if (errors.length > 0) return refused(items.length, errors);
  return upsert(db, tenantId, records, items.length, actor, 'api-json');
}
