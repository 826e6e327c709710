import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TTestDatabase } from '../helpers/test-db.js';

/**
 * Tables that hold no tenant's data, so they have no `tenant_id`. Keep it short; every entry says why.
 * A new table is tenant-owned unless it is added here with a reason.
 */
const NOT_TENANT_OWNED: Record<string, string> = {
  tenants: 'the tenants themselves',
  spent_challenges: 'signatures of used check-code (ALTCHA) challenges: unique and global, no tenant data',
  kysely_migration: 'migrations applied (Kysely)',
  kysely_migration_lock: 'migration lock (Kysely)',
};

type TTableShape = { table_name: string; has_tenant_id: boolean; has_tenant_index: boolean };

/**
 * Every base table of the schema; whether it has a `tenant_id` column; whether it has a usable index whose
 * first column is `tenant_id` (a primary key, unique constraint or plain index; not a partial index, which
 * covers only some rows, and not an expression in first place).
 */
async function tableShapes(tdb: TTestDatabase): Promise<TTableShape[]> {
  const { rows } = await sql<TTableShape>`
    select c.relname as table_name,
      exists (
        select 1 from pg_catalog.pg_attribute a
        where a.attrelid = c.oid and a.attname = 'tenant_id' and a.attnum > 0 and not a.attisdropped
      ) as has_tenant_id,
      exists (
        select 1
        from pg_catalog.pg_index x
        join pg_catalog.pg_attribute a on a.attrelid = x.indrelid and a.attnum = x.indkey[0]
        where x.indrelid = c.oid and a.attname = 'tenant_id' and x.indpred is null and x.indisvalid
      ) as has_tenant_index
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p')
    order by c.relname`.execute(tdb.db);
  return rows;
}

describe(`tenancy in the schema (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let tdb: TTestDatabase;
  let tables: TTableShape[];

  before(async () => {
    tdb = await createTestDatabase();
    tables = await tableShapes(tdb);
  });
  after(() => tdb.close());

  test('the introspection sees the migrated schema', () => {
    const users = tables.find((t) => t.table_name === 'users');
    assert.deepEqual(users, { table_name: 'users', has_tenant_id: true, has_tenant_index: true });
    const grants = tables.find((t) => t.table_name === 'grant_applications');
    assert.equal(grants?.has_tenant_id, true);
    for (const name of Object.keys(NOT_TENANT_OWNED)) {
      assert.ok(
        tables.some((t) => t.table_name === name),
        `allow-listed table ${name} exists (remove it from the list otherwise)`,
      );
    }
  });

  test('every table outside the allow-list has a tenant_id column', () => {
    const missing = tables
      .filter((t) => !(t.table_name in NOT_TENANT_OWNED) && !t.has_tenant_id)
      .map((t) => t.table_name);
    assert.deepEqual(
      missing,
      [],
      'tables without tenant_id (add the column, or justify them in the allow-list)',
    );
  });

  test('allow-listed tables really hold no tenant_id', () => {
    const withTenant = tables
      .filter((t) => t.table_name in NOT_TENANT_OWNED && t.has_tenant_id)
      .map((t) => t.table_name);
    assert.deepEqual(withTenant, [], 'a table with tenant_id is tenant-owned: take it off the allow-list');
  });

  test('every table with tenant_id has an index whose first column is tenant_id', () => {
    const unindexed = tables.filter((t) => t.has_tenant_id && !t.has_tenant_index).map((t) => t.table_name);
    assert.deepEqual(unindexed, [], 'tenant-owned tables without an index beginning with tenant_id');
  });
});
