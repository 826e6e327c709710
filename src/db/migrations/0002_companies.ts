import { type Kysely, sql } from 'kysely';

// Maintenance companies (ditte manutentrici), their staff, certifications, documents and signing links.
// Landed migrations are never edited: add a new file instead.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('stored_files')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('companies')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('registration_number', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lr_full_name', 'text', (c) => c.notNull())
    .addColumn('lr_tax_code', 'text', (c) => c.notNull())
    .addColumn('lr_email', 'text', (c) => c.notNull())
    .addColumn('business_name', 'text', (c) => c.notNull())
    .addColumn('vat_number', 'text', (c) => c.notNull())
    .addColumn('company_tax_code', 'text')
    .addColumn('company_email', 'text', (c) => c.notNull())
    .addColumn('pec', 'text')
    .addColumn('municipality_istat', 'text', (c) => c.notNull())
    .addColumn('municipality_name', 'text', (c) => c.notNull())
    .addColumn('cap', 'text', (c) => c.notNull())
    .addColumn('street', 'text', (c) => c.notNull())
    .addColumn('street_number', 'text')
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('fax', 'text')
    .addColumn('mobile', 'text')
    .addColumn('sdi_code', 'text')
    .addColumn('cciaa_number', 'text', (c) => c.notNull())
    .addColumn('cciaa_municipality', 'text', (c) => c.notNull())
    .addColumn('rea_number', 'text')
    .addColumn('rea_municipality', 'text', (c) => c.notNull())
    .addColumn('activity_start_date', 'date', (c) => c.notNull())
    .addColumn('chamber_certificate_file_id', 'uuid', (c) => c.references('stored_files.id'))
    .addColumn('insurance_policy_file_id', 'uuid', (c) => c.references('stored_files.id'))
    .addColumn('receipt_file_id', 'uuid', (c) => c.references('stored_files.id'))
    .addColumn('receipt_hash', 'text', (c) => c.notNull())
    // What the receipt shows and the hash covers, exactly as declared (sections of label/value rows).
    .addColumn('declaration_sections', 'jsonb', (c) => c.notNull())
    .addColumn('signed_at', 'timestamptz')
    .addColumn('signed_ip', 'text')
    .addColumn('signed_receipt_hash', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('privacy_accepted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One registration per partita IVA per tenant, enforced by the database.
  await sql`create unique index companies_tenant_vat_uq on companies (tenant_id, vat_number)`.execute(db);
  await sql`create unique index companies_tenant_number_uq on companies (tenant_id, registration_number)`.execute(
    db,
  );

  await db.schema
    .createTable('company_staff')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('company_id', 'uuid', (c) => c.notNull().references('companies.id'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('registration_number', 'text', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('tax_code', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('job_type', 'text', (c) => c.notNull())
    .addColumn('user_type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('send_email_to_user', 'boolean', (c) => c.notNull())
    .addColumn('lr_confirmed_at', 'timestamptz')
    .addColumn('decision_reason', 'text')
    .addColumn('receipt_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index company_staff_tenant_number_uq on company_staff (tenant_id, registration_number)`.execute(
    db,
  );

  // Certifications of a company or of a staff member (owner_kind), each with its dates.
  await db.schema
    .createTable('certifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('company_id', 'uuid', (c) => c.notNull().references('companies.id'))
    .addColumn('staff_id', 'uuid', (c) => c.references('company_staff.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reference_date', 'date', (c) => c.notNull())
    .addColumn('expiry_date', 'date', (c) => c.notNull())
    .addColumn('last_check_expiry_date', 'date')
    .execute();
  await db.schema
    .createIndex('certifications_expiry_idx')
    .on('certifications')
    .columns(['expiry_date'])
    .execute();

  // One warning per certification, kind of warning and day: the expiry job is safe to re-run.
  await db.schema
    .createTable('certification_warnings')
    .addColumn('certification_id', 'uuid', (c) => c.notNull().references('certifications.id'))
    .addColumn('warning', 'text', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('certification_warnings_pk', ['certification_id', 'warning', 'due_on'])
    .execute();

  // Single-use links e-mailed to the legal representative (sign the declaration, confirm a staff
  // registration, upload activation documents). Only the hash of the token is stored.
  await db.schema
    .createTable('company_links')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('company_id', 'uuid', (c) => c.notNull().references('companies.id'))
    .addColumn('staff_id', 'uuid', (c) => c.references('company_staff.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('company_documents')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('company_id', 'uuid', (c) => c.notNull().references('companies.id'))
    .addColumn('doc_type', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('file_id', 'uuid', (c) => c.notNull().references('stored_files.id'))
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Per-tenant counters for human-readable registration numbers (DM-2026-000001).
  await db.schema
    .createTable('tenant_counters')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('tenant_counters_pk', ['tenant_id', 'name'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted.');
}
