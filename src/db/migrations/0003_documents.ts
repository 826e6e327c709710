import { type Kysely, sql } from 'kysely';

// Document area (seed 004): customer master data, account ↔ customer associations, published documents,
// their e-mail notices, and a development SMS outbox. Landed migrations are never edited.

export async function up(db: Kysely<unknown>): Promise<void> {
  // The utility's customer master data, imported from CSV.
  await db.schema
    .createTable('customers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('customer_code', 'text', (c) => c.notNull())
    .addColumn('customer_type', 'text', (c) => c.notNull()) // 'privato' | 'partita_iva'
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tax_code', 'text', (c) => c.notNull()) // codice fiscale or partita IVA, upper case
    .addColumn('email', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index customers_tenant_code_uq on customers (tenant_id, customer_code)`.execute(db);

  // An account may hold several customers ("associazione cliente").
  await db.schema
    .createTable('customer_links')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('customer_links_pk', ['user_id', 'customer_id'])
    .execute();
  await db.schema
    .createIndex('customer_links_customer_idx')
    .on('customer_links')
    .columns(['customer_id'])
    .execute();

  // Failed association attempts per account, for the neutral rate limit.
  await db.schema
    .createTable('association_attempts')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('attempted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('association_attempts_user_idx')
    .on('association_attempts')
    .columns(['user_id', 'attempted_at'])
    .execute();

  // Published documents. `external_id` makes publishing idempotent: the same manifest twice publishes once.
  await db.schema
    .createTable('documents')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id'))
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('doc_type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'date', (c) => c.notNull())
    .addColumn('file_id', 'uuid', (c) => c.notNull().references('stored_files.id'))
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .addColumn('first_downloaded_at', 'timestamptz')
    .addColumn('notices_sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_notice_at', 'timestamptz')
    .execute();
  await sql`create unique index documents_tenant_external_uq on documents (tenant_id, external_id)`.execute(
    db,
  );
  await db.schema
    .createIndex('documents_customer_idx')
    .on('documents')
    .columns(['tenant_id', 'customer_id', 'issued_on'])
    .execute();
  // The reminder job looks only at unread documents with fewer than three notices.
  await sql`create index documents_reminder_due_idx on documents (last_notice_at)
    where first_downloaded_at is null and notices_sent < 3`.execute(db);

  // One row per notice (1 = publication, 2 and 3 = reminders): a second worker cannot send it again.
  await db.schema
    .createTable('document_notices')
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('documents.id'))
    .addColumn('notice_no', 'integer', (c) => c.notNull())
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_notices_pk', ['document_id', 'notice_no'])
    .execute();

  // Tokens for the JSON API used by bulk loads (customer master data, documents). Only the hash is kept.
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  // SMS go through their own outbox; without a gateway they stay here (development outbox).
  await db.schema
    .createTable('sms_outbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('tenant_id', 'uuid', (c) => c.references('tenants.id'))
    .addColumn('to_number', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted.');
}
