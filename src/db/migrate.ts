import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as m0001 from './migrations/0001_initial.js';
import * as m0002 from './migrations/0002_companies.js';
import * as m0003 from './migrations/0003_documents.js';
import * as m0004 from './migrations/0004_grants.js';
import * as m0005 from './migrations/0005_tenant_indexes.js';

/** The ordered list of migrations; a new migration is a new file added here. */
const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_companies': m0002,
  '0003_documents': m0003,
  '0004_grants': m0004,
  '0005_tenant_indexes': m0005,
};

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export const LATEST_MIGRATION = Object.keys(migrations).at(-1)!;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
