import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { openPgliteInstance, openPostgres, type TDatabaseHandle } from '../../src/db/database.js';
import { LATEST_MIGRATION, migrateToLatest } from '../../src/db/migrate.js';

const adminUrl = process.env.DATABASE_URL;

async function emptyDatabase(): Promise<TDatabaseHandle> {
  if (!adminUrl) return openPgliteInstance(await PGlite.create());
  const name = `focolare_m_${randomBytes(5).toString('hex')}`;
  const admin = openPostgres(adminUrl, 1);
  await sql.raw(`create database ${name}`).execute(admin.db);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const h = openPostgres(url.toString(), 2);
  return {
    ...h,
    close: async () => {
      await h.close();
      await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
      await admin.close();
    },
  };
}

test(`an empty database migrates to the latest version, and a second run changes nothing (${adminUrl ? 'PostgreSQL' : 'PGlite'})`, async () => {
  const h = await emptyDatabase();
  try {
    const applied = await migrateToLatest(h.db);
    assert.equal(applied.at(-1), LATEST_MIGRATION);
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(
      h.db,
    );
    const names = tables.rows.map((r) => r.table_name);
    for (const t of [
      'tenants',
      'users',
      'sessions',
      'mail_outbox',
      'audit_log',
      'one_time_codes',
      'spent_challenges',
    ])
      assert.ok(names.includes(t), `table ${t} exists`);
    assert.deepEqual(await migrateToLatest(h.db), []);
  } finally {
    await h.close();
  }
});
