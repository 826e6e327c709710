import type { TDb } from '../../db/database.js';
import type { TenantId } from '../../tenancy/tenant.js';

/**
 * Documents the authority asks for the activation (seed 000 § 2.2, "allegando alla mail … i seguenti
 * documenti"). The company uploads them online instead of e-mailing them; "altro" needs a description.
 */
export const COMPANY_DOCUMENT_TYPES = [
  { value: 'visura_camerale', label: 'Visura Camerale aggiornata' },
  { value: 'durc', label: 'DURC in corso di validità' },
  { value: 'polizza', label: 'Quietanza e polizza assicurativa' },
  { value: 'taratura', label: "Certificato di taratura dell'analizzatore" },
  { value: 'fer_fgas', label: 'Abilitazioni FER e/o FGAS' },
  { value: 'altro', label: 'Altre abilitazioni (certificazioni, attestati…)' },
] as const;

export type TCompanyDocumentType = (typeof COMPANY_DOCUMENT_TYPES)[number]['value'];

export const DOCUMENT_TYPE_LABELS: Record<string, string> = Object.fromEntries(
  COMPANY_DOCUMENT_TYPES.map((t) => [t.value, t.label]),
);

export function isCompanyDocumentType(v: string): v is TCompanyDocumentType {
  return Object.hasOwn(DOCUMENT_TYPE_LABELS, v);
}

/** The documents a company has uploaded, newest first, with the stored file's name and size. */
export async function listCompanyDocuments(db: TDb, tenantId: TenantId, companyId: string) {
  return db
    .selectFrom('company_documents as d')
    .innerJoin('stored_files as f', (j) =>
      j.onRef('f.id', '=', 'd.file_id').onRef('f.tenant_id', '=', 'd.tenant_id'),
    )
    .select([
      'd.id',
      'd.doc_type',
      'd.description',
      'd.file_id',
      'd.uploaded_at',
      'f.filename',
      'f.size_bytes',
      'f.sha256',
    ])
    .where('d.tenant_id', '=', tenantId)
    .where('d.company_id', '=', companyId)
    .orderBy('d.uploaded_at', 'desc')
    .orderBy('d.id')
    .execute();
}

export type TCompanyDocumentRow = Awaited<ReturnType<typeof listCompanyDocuments>>[number];
