import { type Kysely, sql } from 'kysely';

// Grants "a sportello" (seed 003): calls, applications with their attachments, the budget ledger,
// sample checks, payment orders and recoveries. Landed migrations are never edited.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A call is data. `rules` holds what the eligibility functions read (municipalities, appliance types,
  // replacement table, caps, limits, required attachments); budget and dates are columns for queries.
  await db.schema
    .createTable('grant_calls')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('protocol_prefix', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('how_to_apply', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('published', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('budget_cents', 'bigint', (c) => c.notNull())
    .addColumn('opens_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closes_at', 'timestamptz', (c) => c.notNull())
    .addColumn('partial_funding', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('rules', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index grant_calls_tenant_code_uq on grant_calls (tenant_id, code)`.execute(db);

  // Arrival order across every call: a sequence, so concurrent submissions never wait on one counter row.
  await sql`create sequence grant_arrival_seq`.execute(db);

  await db.schema
    .createTable('grant_applications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('call_id', 'uuid', (c) => c.notNull().references('grant_calls.id'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    // draft | submitted | integration_requested | admitted | rejected | withdrawn | revoked
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    // none | pending | reserved | partial | waiting | released
    .addColumn('funding', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('step', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('applicant_cf', 'text')
    .addColumn('property_key', 'text')
    .addColumn('protocol', 'text')
    .addColumn('arrival_seq', 'bigint')
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('verification_code', 'text')
    .addColumn('requested_cents', 'bigint')
    .addColumn('reserved_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('funded_at', 'timestamptz')
    .addColumn('receipt_sent_at', 'timestamptz')
    .addColumn('integration_message', 'text')
    .addColumn('integration_requested_at', 'timestamptz')
    .addColumn('integration_due_at', 'timestamptz')
    .addColumn('integration_answered_at', 'timestamptz')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_reason', 'text')
    .addColumn('withdrawn_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revocation_reason', 'text')
    .addColumn('paid_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One application per citizen account and call (drafts included): save-and-continue edits that one.
  // A withdrawn application frees the place: the citizen may apply again and takes a new arrival number.
  await sql`create unique index grant_apps_call_user_uq on grant_applications (call_id, user_id)
            where status <> 'withdrawn'`.execute(db);
  // One submitted application per codice fiscale and one per property in a call (withdrawn ones free them).
  await sql`create unique index grant_apps_call_cf_uq on grant_applications (call_id, applicant_cf)
            where arrival_seq is not null and status <> 'withdrawn'`.execute(db);
  await sql`create unique index grant_apps_call_property_uq on grant_applications (call_id, property_key)
            where arrival_seq is not null and status <> 'withdrawn'`.execute(db);
  await sql`create unique index grant_apps_protocol_uq on grant_applications (protocol)`.execute(db);
  await sql`create unique index grant_apps_verification_uq on grant_applications (verification_code)`.execute(
    db,
  );
  await sql`create index grant_apps_call_seq_idx on grant_applications (call_id, arrival_seq)
            where arrival_seq is not null`.execute(db);
  await sql`create index grant_apps_to_allocate_idx on grant_applications (call_id, arrival_seq)
            where funding in ('pending', 'waiting', 'partial')`.execute(db);
  await sql`create index grant_apps_receipt_idx on grant_applications (submitted_at)
            where arrival_seq is not null and receipt_sent_at is null`.execute(db);

  await db.schema
    .createTable('grant_application_files')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('grant_applications.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_id', 'uuid', (c) => c.notNull().references('stored_files.id'))
    // application | integration
    .addColumn('phase', 'text', (c) => c.notNull().defaultTo('application'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('grant_app_files_app_idx')
    .on('grant_application_files')
    .columns(['application_id'])
    .execute();

  // The budget ledger: every movement of a call's money, in order. Written only under the call's row lock,
  // so `available_after_cents` of the newest row is the remaining budget that the public page shows.
  await db.schema
    .createTable('grant_ledger')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('call_id', 'uuid', (c) => c.notNull().references('grant_calls.id'))
    .addColumn('application_id', 'uuid', (c) => c.references('grant_applications.id'))
    // budget | reserve | release
    .addColumn('kind', 'text', (c) => c.notNull())
    // Positive: money becomes available again (budget, release); negative: money reserved.
    .addColumn('delta_cents', 'bigint', (c) => c.notNull())
    .addColumn('available_after_cents', 'bigint', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('grant_ledger_available_ck', sql`available_after_cents >= 0`)
    .execute();
  await sql`create index grant_ledger_call_idx on grant_ledger (call_id, id desc)`.execute(db);
  await sql`create or replace function grant_ledger_append_only() returns trigger language plpgsql as $$
            begin raise exception 'grant_ledger is append-only'; end $$`.execute(db);
  await sql`create trigger grant_ledger_no_update before update or delete on grant_ledger
            for each row execute function grant_ledger_append_only()`.execute(db);

  // Sample checks (section 8): the seed is recorded so anyone can re-run the draw.
  await db.schema
    .createTable('grant_sample_draws')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('call_id', 'uuid', (c) => c.notNull().references('grant_calls.id'))
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('percent', 'integer', (c) => c.notNull())
    .addColumn('population', 'jsonb', (c) => c.notNull())
    .addColumn('selected', 'jsonb', (c) => c.notNull())
    .addColumn('drawn_by', 'text', (c) => c.notNull())
    .addColumn('drawn_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('grant_sample_checks')
    .addColumn('draw_id', 'uuid', (c) => c.notNull().references('grant_sample_draws.id'))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('grant_applications.id'))
    // pending | regular | irregular
    .addColumn('outcome', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recorded_at', 'timestamptz')
    .addPrimaryKeyConstraint('grant_sample_checks_pk', ['draw_id', 'application_id'])
    .execute();

  // Payment orders ("atti di liquidazione"): groups of admitted applications paid by SEPA credit transfer.
  await db.schema
    .createTable('grant_payment_orders')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('call_id', 'uuid', (c) => c.notNull().references('grant_calls.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    // open | paid
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('total_cents', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('paid_at', 'timestamptz')
    .execute();
  await sql`create unique index grant_payment_orders_number_uq on grant_payment_orders (tenant_id, number)`.execute(
    db,
  );
  await db.schema
    .createTable('grant_payment_items')
    .addColumn('order_id', 'uuid', (c) => c.notNull().references('grant_payment_orders.id'))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('grant_applications.id'))
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('grant_payment_items_pk', ['order_id', 'application_id'])
    .execute();
  // An application is paid at most once.
  await sql`create unique index grant_payment_items_app_uq on grant_payment_items (application_id)`.execute(
    db,
  );

  // Money paid and then revoked: a recovery to track until it is collected.
  await db.schema
    .createTable('grant_recoveries')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('grant_applications.id'))
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('recovered_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'grant_recoveries',
    'grant_payment_items',
    'grant_payment_orders',
    'grant_sample_checks',
    'grant_sample_draws',
    'grant_ledger',
    'grant_application_files',
    'grant_applications',
  ]) {
    await db.schema.dropTable(t).execute();
  }
  await sql`drop sequence grant_arrival_seq`.execute(db);
  await sql`drop function grant_ledger_append_only`.execute(db);
  await db.schema.dropTable('grant_calls').execute();
}
