import { type Kysely, sql } from 'kysely';

// Tenancy by construction: every tenant-owned table has an index whose first column is tenant_id
// (test/integration/tenancy-schema.test.ts checks it). Queries on tenant data filter on tenant_id first;
// the second column is the parent the pages list by. Only indexes are added: every one of these tables
// already had its tenant_id. Landed migrations are never edited.

/** [index, table, columns]. */
const INDEXES: ReadonlyArray<readonly [string, string, string]> = [
  ['sessions_tenant_user_idx', 'sessions', 'tenant_id, user_id'],
  ['mail_outbox_tenant_idx', 'mail_outbox', 'tenant_id, id'],
  ['stored_files_tenant_idx', 'stored_files', 'tenant_id, created_at'],
  ['certifications_tenant_company_idx', 'certifications', 'tenant_id, company_id'],
  ['certification_warnings_tenant_idx', 'certification_warnings', 'tenant_id, certification_id'],
  ['company_links_tenant_company_idx', 'company_links', 'tenant_id, company_id'],
  ['company_documents_tenant_company_idx', 'company_documents', 'tenant_id, company_id'],
  ['customer_links_tenant_user_idx', 'customer_links', 'tenant_id, user_id'],
  ['association_attempts_tenant_user_idx', 'association_attempts', 'tenant_id, user_id, attempted_at'],
  ['document_notices_tenant_document_idx', 'document_notices', 'tenant_id, document_id'],
  ['sms_outbox_tenant_idx', 'sms_outbox', 'tenant_id, id'],
  ['api_tokens_tenant_idx', 'api_tokens', 'tenant_id, created_at'],
  ['grant_applications_tenant_call_idx', 'grant_applications', 'tenant_id, call_id'],
  ['grant_application_files_tenant_app_idx', 'grant_application_files', 'tenant_id, application_id'],
  ['grant_ledger_tenant_call_idx', 'grant_ledger', 'tenant_id, call_id'],
  ['grant_sample_draws_tenant_call_idx', 'grant_sample_draws', 'tenant_id, call_id'],
  ['grant_sample_checks_tenant_draw_idx', 'grant_sample_checks', 'tenant_id, draw_id'],
  ['grant_payment_items_tenant_order_idx', 'grant_payment_items', 'tenant_id, order_id'],
  ['grant_recoveries_tenant_app_idx', 'grant_recoveries', 'tenant_id, application_id'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, table, columns] of INDEXES) {
    await sql`create index ${sql.id(name)} on ${sql.id(table)} (${sql.raw(columns)})`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of INDEXES) await sql`drop index ${sql.id(name)}`.execute(db);
}
