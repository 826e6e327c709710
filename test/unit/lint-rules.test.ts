import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { ESLint } from 'eslint';

// The project's tenancy lint rules (eslint.config.js), run through ESLint's Node API on small snippets.
// The files need not exist: `filePath` only decides which configuration blocks apply.

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfigFile: `${root}eslint.config.js` });

async function rulesFired(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  assert.ok(result, 'ESLint returned no result');
  const fatal = result.messages.filter((m) => m.fatal);
  assert.deepEqual(fatal, [], 'the snippet must parse');
  return result.messages.map((m) => m.ruleId ?? '');
}

const QUERY_RULE = 'tenancy/no-query-in-routes';
const CAST_RULE = 'tenancy/no-tenant-id-cast';

const routeBuildingQuery = `
import { sql } from 'kysely';
import type { TDb } from '../../db/database.js';
export async function handler(db: TDb, id: string) {
  const a = await db.selectFrom('users').selectAll().where('id', '=', id).execute();
  await db.insertInto('audit_log').values({} as never).execute();
  await db.updateTable('users').set({ status: 'x' }).execute();
  await db.deleteFrom('users').execute();
  await db.transaction().execute(async () => {});
  await db.with('x', (q) => q.selectFrom('users').select('id')).selectFrom('x').selectAll().execute();
  const b = await sql\`select 1\`.execute(db);
  return [a, b];
}
`;

describe('tenancy lint rules', () => {
  test('a route file building queries is flagged, once per query-building call and per sql template', async () => {
    const fired = await rulesFired('src/modules/example/routes.tsx', routeBuildingQuery);
    // selectFrom ×3 (one inside the CTE), insertInto, updateTable, deleteFrom, transaction, with, sql``.
    assert.equal(fired.filter((r) => r === QUERY_RULE).length, 9);
  });

  test('every route file shape is covered: *routes*.tsx, *routes*.ts and files under routes/', async () => {
    const snippet = `export const q = (db: any) => db.selectFrom('users');\n`;
    for (const path of [
      'src/modules/grants/office-routes.tsx',
      'src/sms/dev-routes.tsx',
      'src/modules/accounts/routes/route-kit.ts',
    ]) {
      assert.ok((await rulesFired(path, snippet)).includes(QUERY_RULE), path);
    }
  });

  test('sql is recognised under another local name and as sql.raw(…)', async () => {
    const fired = await rulesFired(
      'src/modules/example/routes.tsx',
      `import { sql as q } from 'kysely';\nexport const a = q<number>\`select 1\`;\nexport const b = q.raw('select 2');\n`,
    );
    assert.equal(fired.filter((r) => r === QUERY_RULE).length, 2);
  });

  test('the same code in a queries file or a use case is allowed', async () => {
    for (const path of ['src/modules/example/queries.ts', 'src/modules/example/submit-thing.ts']) {
      assert.deepEqual(
        (await rulesFired(path, routeBuildingQuery)).filter((r) => r === QUERY_RULE),
        [],
        path,
      );
    }
  });

  test('a route file that calls a query function is not flagged', async () => {
    const fired = await rulesFired(
      'src/modules/example/routes.tsx',
      `import { listThings } from './queries.js';\nexport const h = (db: unknown, t: never) => listThings(db as never, t);\n`,
    );
    assert.deepEqual(fired, []);
  });

  const cast = `import type { TenantId } from '../../tenancy/tenant.js';\nexport const t = (s: string) => s as TenantId;\n`;

  test('`as TenantId` in a module is flagged (also through unknown)', async () => {
    assert.deepEqual(await rulesFired('src/modules/example/queries.ts', cast), [CAST_RULE]);
    assert.deepEqual(
      await rulesFired(
        'src/jobs/example.ts',
        `import type * as T from '../tenancy/tenant.js';\nexport const t = (s: number) => s as unknown as T.TenantId;\n`,
      ),
      [CAST_RULE],
    );
  });

  test('`as TenantId` in a route file is flagged too', async () => {
    assert.ok((await rulesFired('src/modules/example/routes.tsx', cast)).includes(CAST_RULE));
  });

  test('`as TenantId` inside src/tenancy is allowed', async () => {
    assert.deepEqual(await rulesFired('src/tenancy/tenants.ts', cast), []);
  });
});
