import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { appendAudit, readAuditChain } from '../../src/audit/audit-log.js';
import { PasswordHasher } from '../../src/auth/password-hash.js';
import { checkPassword, type TPasswordPolicyId } from '../../src/auth/password-policy.js';
import {
  EXIT_FAILURE,
  EXIT_OK,
  EXIT_USAGE,
  generateInitialPassword,
  runCli,
  type TCliDeps,
} from '../../src/cli/focolare.js';
import { loadConfig } from '../../src/config.js';
import type { TDb } from '../../src/db/database.js';
import { LATEST_MIGRATION } from '../../src/db/migrate.js';
import { findTenantBySlug } from '../../src/tenancy/tenants.js';
import { createTestDatabase, ownPool, type TTestDatabase } from '../helpers/test-db.js';

type TRun = { code: number; out: string; err: string };

describe(`command line (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let tdb: TTestDatabase;
  let db: TDb;
  let closeDb: () => Promise<void>;
  let deps: TCliDeps;

  const cli = async (...argv: string[]): Promise<TRun> => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, deps, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const createTenant = (slug: string, policy: TPasswordPolicyId = 'min6', ...extra: string[]) =>
    cli(
      'tenant:create',
      '--slug',
      slug,
      '--name',
      `Comune di ${slug}`,
      '--activation-email',
      `attivazioni@${slug}.example.org`,
      '--password-policy',
      policy,
      ...extra,
    );

  before(async () => {
    tdb = await createTestDatabase();
    ({ db, close: closeDb } = await ownPool(tdb, 5));
    deps = {
      db,
      config: loadConfig({ NODE_ENV: 'test', BASE_DOMAIN: 'focolare.example.org', PUBLIC_PROTOCOL: 'https' }),
      hasher: new PasswordHasher(2),
      now: () => new Date(),
    };
  });
  after(async () => {
    await closeDb();
    await tdb.close();
  });

  test('migrate: the schema is already up to date', async () => {
    const r = await cli('migrate');
    assert.equal(r.code, EXIT_OK, r.err);
    assert.ok(
      r.out.includes(`Lo schema del database è aggiornato (ultima migrazione: ${LATEST_MIGRATION}).`),
      r.out,
    );
  });

  test('tenant:list with no tenant says so', async () => {
    const r = await cli('tenant:list');
    assert.equal(r.code, EXIT_OK);
    assert.match(r.out, /Nessun ente configurato/);
  });

  test('tenant:create stores the tenant with its settings and records it in its audit trail', async () => {
    const r = await cli(
      'tenant:create',
      '--slug',
      'Comune-Alfa',
      '--name',
      'Comune di Alfà',
      '--activation-email',
      'attivazioni@alfa.example.org',
      '--support-phone',
      '0541 123456',
      '--support-hours',
      'dal lunedì al venerdì, 9-12',
      '--password-policy',
      'upper_digit_special8',
    );
    assert.equal(r.code, EXIT_OK, r.err);
    assert.match(r.out, /Ente creato: comune-alfa \(Comune di Alfà\)/);
    assert.match(r.out, /Indirizzo: https:\/\/comune-alfa\.focolare\.example\.org\//);
    const t = await findTenantBySlug(db, 'comune-alfa');
    assert.ok(t);
    assert.equal(t.name, 'Comune di Alfà');
    assert.equal(t.activationEmail, 'attivazioni@alfa.example.org');
    assert.equal(t.supportPhone, '0541 123456');
    assert.equal(t.supportHours, 'dal lunedì al venerdì, 9-12');
    assert.equal(t.passwordPolicy, 'upper_digit_special8');
    const audit = await readAuditChain(db, t.id);
    assert.deepEqual(
      audit.map((a) => [a.seq, a.action, a.actorLabel, a.entityId]),
      [[1, 'tenant.created', 'riga di comando', t.id]],
    );
  });

  test('tenant:create defaults to the min6 policy and leaves the support contacts empty', async () => {
    const r = await cli(
      'tenant:create',
      '--slug',
      'beta',
      '--name',
      'Comune di Beta',
      '--activation-email',
      'attivazioni@beta.example.org',
    );
    assert.equal(r.code, EXIT_OK, r.err);
    const t = await findTenantBySlug(db, 'beta');
    assert.equal(t?.passwordPolicy, 'min6');
    assert.equal(t?.supportPhone, null);
    assert.equal(t?.supportHours, null);
  });

  test('tenant:create refuses a slug already in use', async () => {
    const r = await createTenant('COMUNE-ALFA');
    assert.equal(r.code, EXIT_FAILURE);
    assert.match(r.err, /Esiste già un ente con slug «comune-alfa»/);
  });

  test('tenant:create names each invalid option, in Italian', async () => {
    const r = await cli(
      'tenant:create',
      '--slug',
      'comune_gamma',
      '--name',
      'Comune di Gamma',
      '--activation-email',
      'non-una-email',
      '--password-policy',
      'min8',
    );
    assert.equal(r.code, EXIT_FAILURE);
    assert.match(r.err, /Ente non creato, dati non validi/);
    assert.match(r.err, /--slug: Usa da 1 a 63 lettere minuscole/);
    assert.match(r.err, /--activation-email: L'indirizzo e-mail non è valido/);
    assert.match(r.err, /--password-policy: Scegli tra min6, upper_digit_special8, classes3of4/);
    assert.equal(await findTenantBySlug(db, 'comune_gamma'), undefined);
  });

  test('a wrong command line gives the usage and exit code 2', async () => {
    let r = await cli('tenant:create', '--slug', 'delta', '--name', 'Delta');
    assert.equal(r.code, EXIT_USAGE);
    assert.match(r.err, /Manca l'opzione obbligatoria --activation-email/);
    assert.match(r.err, /Uso: npm run cli -- <comando>/);
    r = await cli('tenant:list', '--verbose');
    assert.equal(r.code, EXIT_USAGE);
    assert.match(r.err, /Opzione sconosciuta per tenant:list: --verbose/);
    r = await cli('tenant:destroy');
    assert.equal(r.code, EXIT_USAGE);
    assert.match(r.err, /Comando sconosciuto: tenant:destroy/);
    r = await cli('toString');
    assert.equal(r.code, EXIT_USAGE);
    r = await cli('admin:create', '--tenant');
    assert.equal(r.code, EXIT_USAGE);
    assert.match(r.err, /Manca il valore dell'opzione --tenant/);
    assert.equal(await findTenantBySlug(db, 'delta'), undefined);
  });

  test('help prints the usage', async () => {
    const r = await cli('help');
    assert.equal(r.code, EXIT_OK);
    for (const c of ['migrate', 'tenant:create', 'tenant:list', 'admin:create', 'audit:verify'])
      assert.ok(r.out.includes(c), c);
  });

  test('tenant:list shows every tenant with its policy and number of users', async () => {
    const r = await cli('tenant:list');
    assert.equal(r.code, EXIT_OK);
    const lines = r.out.split('\n');
    assert.match(lines[0]!, /^SLUG\s+NOME\s+PASSWORD\s+E-MAIL ATTIVAZIONI\s+UTENTI$/);
    assert.match(r.out, /^beta\s+Comune di Beta\s+min6\s+attivazioni@beta\.example\.org\s+0$/m);
    assert.match(
      r.out,
      /^comune-alfa\s+Comune di Alfà\s+upper_digit_special8\s+attivazioni@alfa\.example\.org\s+0$/m,
    );
    assert.match(r.out, /^2 enti\.$/m);
  });

  test('admin:create prints a strong initial password once; the administrator must change it', async () => {
    const r = await cli(
      'admin:create',
      '--tenant',
      'comune-alfa',
      '--username',
      'admin.alfa',
      '--email',
      'admin@alfa.example.org',
      '--name',
      'Álvaro Amministratore',
    );
    assert.equal(r.code, EXIT_OK, r.err);
    const password = /^Password iniziale: (\S+)$/m.exec(r.out)?.[1];
    assert.ok(password, r.out);
    assert.equal(r.out.split(password).length, 2, 'the password is printed exactly once');
    assert.ok(password.length >= 20);
    assert.deepEqual(checkPassword('upper_digit_special8', password), []);
    assert.match(r.out, /https:\/\/comune-alfa\.focolare\.example\.org\/accesso/);

    const t = (await findTenantBySlug(db, 'comune-alfa'))!;
    const user = await db
      .selectFrom('users')
      .selectAll()
      .where('tenant_id', '=', t.id)
      .where('username', '=', 'admin.alfa')
      .executeTakeFirstOrThrow();
    assert.equal(user.role, 'tenant_admin');
    assert.equal(user.must_change_password, true);
    assert.equal(user.status, 'active');
    assert.equal(user.email, 'admin@alfa.example.org');
    assert.equal(user.full_name, 'Álvaro Amministratore');
    assert.ok(!user.password_hash.includes(password));
    assert.equal(await deps.hasher.verify(user.password_hash, password), true);
    const audit = await readAuditChain(db, t.id);
    assert.deepEqual(
      audit.map((a) => a.action),
      ['tenant.created', 'account.created_by_staff'],
    );
    assert.equal(audit[1]!.entityId, user.id);

    const list = await cli('tenant:list');
    assert.match(list.out, /^comune-alfa\s+.*\s1$/m);
  });

  test('admin:create refuses a username or e-mail already in use, and an unknown tenant', async () => {
    let r = await cli(
      'admin:create',
      '--tenant',
      'comune-alfa',
      '--username',
      'ADMIN.ALFA',
      '--email',
      'ADMIN@alfa.example.org',
      '--name',
      'Altro',
    );
    assert.equal(r.code, EXIT_FAILURE);
    assert.match(r.err, /--username: Nome utente già in uso/);
    assert.match(r.err, /--email: Esiste già un account con questo indirizzo e-mail/);
    assert.equal(r.out, '');

    r = await cli(
      'admin:create',
      '--tenant',
      'nessuno',
      '--username',
      'x.y',
      '--email',
      'x@y.it',
      '--name',
      'X Y',
    );
    assert.equal(r.code, EXIT_FAILURE);
    assert.match(r.err, /Ente «nessuno» non trovato/);

    r = await cli('admin:create', '--tenant', 'beta', '--username', 'a b', '--email', 'nope', '--name', 'X');
    assert.equal(r.code, EXIT_FAILURE);
    assert.match(r.err, /--username: Da 3 a 40 caratteri/);
    assert.match(r.err, /--email: L'indirizzo e-mail non è valido/);
  });

  test('the generated password satisfies every policy', async () => {
    for (const policy of ['min6', 'upper_digit_special8', 'classes3of4'] as const) {
      const slug = `pol-${policy.replaceAll('_', '-')}`;
      assert.equal((await createTenant(slug, policy)).code, EXIT_OK);
      const r = await cli(
        'admin:create',
        '--tenant',
        slug,
        '--username',
        'admin',
        '--email',
        `admin@${slug}.it`,
        '--name',
        'Admin',
      );
      assert.equal(r.code, EXIT_OK, r.err);
      const password = /^Password iniziale: (\S+)$/m.exec(r.out)![1]!;
      assert.deepEqual(checkPassword(policy, password), [], `${policy}: ${password}`);
    }
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generateInitialPassword('classes3of4');
      assert.deepEqual(checkPassword('classes3of4', p), []);
      assert.deepEqual(checkPassword('upper_digit_special8', p), []);
      seen.add(p);
    }
    assert.equal(seen.size, 200);
  });

  test('audit:verify on intact chains prints OK for every tenant', async () => {
    await appendAudit(
      db,
      null,
      { id: null, label: 'test', ip: null },
      { action: 'platform.test', entityType: 'x' },
    );
    const r = await cli('audit:verify');
    assert.equal(r.code, EXIT_OK, r.err);
    assert.match(r.out, /^OK\s+comune-alfa: 2 righe, catena integra$/m);
    assert.match(r.out, /^OK\s+beta: 1 riga, catena integra$/m);
    assert.match(r.out, /^OK\s+\(piattaforma\): 1 riga, catena integra$/m);
    assert.match(r.out, /Registro delle attività integro\./);
    const one = await cli('audit:verify', '--tenant', 'beta');
    assert.equal(one.code, EXIT_OK);
    assert.ok(!one.out.includes('comune-alfa'));
  });

  test('audit:verify on a tampered chain names the first broken row and exits 1', async () => {
    const t = (await findTenantBySlug(db, 'comune-alfa'))!;
    const [first] = await readAuditChain(db, t.id);
    await db.transaction().execute(async (trx) => {
      await sql`alter table audit_log disable trigger audit_log_no_update`.execute(trx);
      await sql`update audit_log set summary = '{"slug":"comune-alfa","name":"Comune di Omega"}'::jsonb where id = ${first!.id}`.execute(
        trx,
      );
      await sql`alter table audit_log enable trigger audit_log_no_update`.execute(trx);
    });

    const r = await cli('audit:verify');
    assert.equal(r.code, EXIT_FAILURE);
    assert.match(
      r.out,
      new RegExp(
        `^ERRORE\\s+comune-alfa: catena interrotta alla riga seq 1 \\(id ${first!.id}\\): contenuto della riga modificato$`,
        'm',
      ),
    );
    assert.match(r.out, /^OK\s+beta: /m);
    assert.match(r.err, /Registro delle attività alterato: 1 catena interrotta/);

    const one = await cli('audit:verify', '--tenant', 'comune-alfa');
    assert.equal(one.code, EXIT_FAILURE);
    const other = await cli('audit:verify', '--tenant', 'beta');
    assert.equal(other.code, EXIT_OK);
  });

  test('grants:seed-puglia creates the Puglia 2024 call once, and an open copy with --open si', async () => {
    await createTenant('comune-bandi');
    const first = await cli('grants:seed-puglia', '--tenant', 'comune-bandi');
    assert.equal(first.code, EXIT_OK, first.err);
    assert.match(first.out, /Bando «puglia-2024-biomasse» .*dotazione 200\.000,00 €/);
    assert.match(first.out, /https:\/\/comune-bandi\.focolare\.example\.org\/bandi\/puglia-2024-biomasse/);
    assert.equal((await cli('grants:seed-puglia', '--tenant', 'comune-bandi')).code, EXIT_OK);
    const open = await cli('grants:seed-puglia', '--tenant', 'comune-bandi', '--open', 'si');
    assert.match(open.out, /puglia-biomasse-demo/);
    const calls = await db.selectFrom('grant_calls').select(['code', 'closes_at']).orderBy('code').execute();
    assert.deepEqual(
      calls.map((c) => c.code),
      ['puglia-2024-biomasse', 'puglia-biomasse-demo'],
    );
    assert.equal(calls[0]!.closes_at.toISOString(), '2024-12-09T22:59:59.999Z');
  });
});
