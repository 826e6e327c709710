import { formatEuro } from '../modules/grants/call.js';
import { getCall } from '../modules/grants/calls-queries.js';
import { seedDemoOpenCall, seedPuglia2024Call } from '../modules/grants/seed-calls.js';
import { randomInt } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { appendAudit, type TActor, verifyTenantAudit } from '../audit/audit-log.js';
import { PasswordHasher } from '../auth/password-hash.js';
import {
  checkPassword,
  isPasswordPolicyId,
  PASSWORD_POLICIES,
  PASSWORD_POLICY_IDS,
  type TPasswordPolicyId,
} from '../auth/password-policy.js';
import { ConfigError, loadConfig, type TConfig } from '../config.js';
import { openDatabase, type TDb } from '../db/database.js';
import { LATEST_MIGRATION, migrateToLatest } from '../db/migrate.js';
import { ValidationError } from '../http/errors.js';
import { emailField, requiredText } from '../http/zod-fields.js';
import { createStaffAccount } from '../modules/accounts/create-staff-account.js';
import { ZStaffAccount } from '../modules/accounts/schemas.js';
import { createApiToken } from '../modules/documents/api/api-tokens.js';
import { importCustomersCsv } from '../modules/documents/office/import-customers.js';
import { folderSource } from '../modules/documents/office/manifest.js';
import { manifestReportLines, publishManifest } from '../modules/documents/office/publish-manifest.js';
import type { TTenant } from '../tenancy/tenant.js';
import { findTenantBySlug, insertTenant, listTenants } from '../tenancy/tenants.js';
import { tenantBaseUrl } from '../tenancy/tenant.js';

/**
 * The command line of the operators of an installation: `npm run cli -- <comando> [opzioni]`.
 * `runCli` does the work and returns the exit code; `main` (at the bottom) only reads the
 * configuration, opens the database and hands over, so tests call `runCli` in-process.
 */

export type TCliDeps = { db: TDb; hasher: PasswordHasher; config: TConfig; now: () => Date };
export type TCliIo = { out: (text: string) => void; err: (text: string) => void };

export const EXIT_OK = 0;
/** The command ran and failed: invalid data, unknown tenant, broken audit chain. */
export const EXIT_FAILURE = 1;
/** The command line itself is wrong: unknown command or option, missing option. */
export const EXIT_USAGE = 2;

const CLI_ACTOR: TActor = { id: null, label: 'riga di comando', ip: null };

const USAGE = `Uso: npm run cli -- <comando> [opzioni]

Comandi:
  migrate
      Aggiorna lo schema del database all'ultima versione.
  tenant:create --slug <slug> --name <nome> --activation-email <e-mail>
                [--support-phone <telefono>] [--support-hours <orari>]
                [--password-policy ${PASSWORD_POLICY_IDS.join('|')}]
      Crea un ente. Lo slug è il primo nome dell'indirizzo web: <slug>.<dominio>.
  tenant:list
      Elenca gli enti.
  admin:create --tenant <slug> --username <nome utente> --email <e-mail> --name <nome e cognome>
      Crea l'amministratore di un ente con una password iniziale generata a caso,
      mostrata una sola volta, da cambiare al primo accesso.
  audit:verify [--tenant <slug>]
      Verifica l'integrità del registro delle attività di tutti gli enti (o di uno).
  customers:import --tenant <slug> --file <file.csv>
      Importa o aggiorna l'anagrafica clienti dell'area documenti (colonne
      codice_cliente;tipo;nome;codice_fiscale_piva;email). Se una riga è errata non importa nulla.
  api-token:create --tenant <slug> --name <nome>
      Crea un token per l'API JSON dell'ente (mostrato una sola volta).
  documents:publish --tenant <slug> --manifest <manifest.csv> [--dir <cartella dei PDF>]
      Pubblica i documenti del manifesto (codice_cliente;tipo;titolo;data;file;id_esterno); i PDF
      sono nella cartella del manifesto o in --dir. Le righe già pubblicate (id_esterno) non si ripubblicano.
  grants:seed-puglia --tenant <slug> [--open si]
      Crea il bando Puglia 2024 per la sostituzione di stufe e caminetti a biomasse (DD n. 95 del
      14/10/2024) con le date dell'avviso; con --open si una copia aperta da ieri per 90 giorni.
  help
      Mostra questo aiuto.

Prima di ogni comando lo schema del database viene aggiornato.
Configurazione dalle variabili d'ambiente (DATABASE_URL, PGLITE_DATA_DIR, ...).
Con il database integrato (PGlite) ferma il server prima di usare la riga di comando.`;

/** A wrong command line: the message, then the usage, exit code 2. */
class UsageError extends Error {}
/** A command that cannot be carried out: the message, exit code 1. */
class CommandError extends Error {}

type TOptionSpec = Record<string, { type: 'string' }>;
type TCommand = {
  options: TOptionSpec;
  run: (values: Record<string, string | undefined>, deps: TCliDeps, io: TCliIo) => Promise<number>;
};

function required(values: Record<string, string | undefined>, name: string): string {
  const v = values[name];
  if (v === undefined || v.trim() === '') throw new UsageError(`Manca l'opzione obbligatoria --${name}.`);
  return v;
}

function optional(v: string | undefined): string | null {
  return v === undefined || v.trim() === '' ? null : v.trim();
}

async function tenantBySlug(db: TDb, slug: string): Promise<TTenant> {
  const tenant = await findTenantBySlug(db, slug.trim().toLowerCase());
  if (!tenant)
    throw new CommandError(
      `Ente «${slug}» non trovato. Gli enti configurati si vedono con: npm run cli -- tenant:list`,
    );
  return tenant;
}

function tenantUrl(config: TConfig, slug: string): string {
  return `${tenantBaseUrl(config, { slug })}/`;
}

/** Field errors as lines, each naming the option it comes from. */
function fieldErrors(errors: Record<string, string>, optionOf: Record<string, string>): string {
  return Object.entries(errors)
    .map(([field, message]) => `  --${optionOf[field] ?? field}: ${message}`)
    .join('\n');
}

function zodErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '');
    out[key] ??= issue.message;
  }
  return out;
}

// Letters and digits that cannot be mistaken for one another when read aloud or copied by hand, and
// `_`: a symbol of every policy that keeps the password one word for a double click in the terminal.
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '_';

/** A random initial password of 20 characters (over 110 bits) that satisfies the tenant's policy. */
export function generateInitialPassword(policy: TPasswordPolicyId, length = 20): string {
  const pick = (set: string) => set[randomInt(set.length)]!;
  for (;;) {
    const all = LOWER + UPPER + DIGITS;
    const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
    while (chars.length < length) chars.push(pick(all));
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    const password = chars.join('');
    if (checkPassword(policy, password).length === 0) return password;
  }
}

const ZTenantInput = z.object({
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
      'Usa da 1 a 63 lettere minuscole, cifre e trattini, senza trattino iniziale o finale (per esempio comune-esempio).',
    ),
  name: requiredText('Indica il nome dell’ente.', 200),
  activationEmail: emailField("Indica l'indirizzo e-mail per le attivazioni."),
  supportPhone: z.string().trim().max(60, 'Al massimo 60 caratteri.').nullable(),
  supportHours: z.string().trim().max(200, 'Al massimo 200 caratteri.').nullable(),
  passwordPolicy: z
    .string()
    .refine(isPasswordPolicyId, `Scegli tra ${PASSWORD_POLICY_IDS.join(', ')}.`)
    .transform((v) => v as TPasswordPolicyId),
});

const TENANT_OPTIONS: Record<string, string> = {
  slug: 'slug',
  name: 'name',
  activationEmail: 'activation-email',
  supportPhone: 'support-phone',
  supportHours: 'support-hours',
  passwordPolicy: 'password-policy',
};

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

const COMMANDS: Record<string, TCommand> = {
  migrate: {
    options: {},
    // The migration itself runs before every command (see runCli).
    run: async (_values, _deps, io) => {
      io.out(`Lo schema del database è aggiornato (ultima migrazione: ${LATEST_MIGRATION}).`);
      return EXIT_OK;
    },
  },

  'tenant:create': {
    options: {
      slug: { type: 'string' },
      name: { type: 'string' },
      'activation-email': { type: 'string' },
      'support-phone': { type: 'string' },
      'support-hours': { type: 'string' },
      'password-policy': { type: 'string' },
    },
    run: async (values, deps, io) => {
      const parsed = ZTenantInput.safeParse({
        slug: required(values, 'slug'),
        name: required(values, 'name'),
        activationEmail: required(values, 'activation-email'),
        supportPhone: optional(values['support-phone']),
        supportHours: optional(values['support-hours']),
        passwordPolicy: values['password-policy'] ?? 'min6',
      });
      if (!parsed.success) {
        io.err(`Ente non creato, dati non validi:\n${fieldErrors(zodErrors(parsed.error), TENANT_OPTIONS)}`);
        return EXIT_FAILURE;
      }
      const input = parsed.data;
      const taken = new CommandError(`Esiste già un ente con slug «${input.slug}»: scegline un altro.`);
      if (await findTenantBySlug(deps.db, input.slug)) throw taken;
      let tenant: TTenant;
      try {
        tenant = await deps.db.transaction().execute(async (trx) => {
          const t = await insertTenant(trx, input);
          await appendAudit(trx, t.id, CLI_ACTOR, {
            action: 'tenant.created',
            entityType: 'tenant',
            entityId: t.id,
            summary: { slug: t.slug, name: t.name, passwordPolicy: t.passwordPolicy },
          });
          return t;
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw taken; // created meanwhile by someone else
        throw err;
      }
      io.out(
        [
          `Ente creato: ${tenant.slug} (${tenant.name})`,
          `Indirizzo: ${tenantUrl(deps.config, tenant.slug)}`,
          `Politica delle password: ${tenant.passwordPolicy} (${PASSWORD_POLICIES[tenant.passwordPolicy]})`,
          `Per creare l'amministratore: npm run cli -- admin:create --tenant ${tenant.slug} --username <nome utente> --email <e-mail> --name "<nome e cognome>"`,
        ].join('\n'),
      );
      return EXIT_OK;
    },
  },

  'tenant:list': {
    options: {},
    run: async (_values, deps, io) => {
      const tenants = await listTenants(deps.db);
      if (tenants.length === 0) {
        io.out(
          'Nessun ente configurato. Per crearne uno: npm run cli -- tenant:create (vedi npm run cli -- help)',
        );
        return EXIT_OK;
      }
      const counts = await countUsersPerTenantUnsafe(deps.db);
      const rows = [
        ['SLUG', 'NOME', 'PASSWORD', 'E-MAIL ATTIVAZIONI', 'UTENTI'],
        ...tenants.map((t) => [
          t.slug,
          t.name,
          t.passwordPolicy,
          t.activationEmail,
          String(counts.get(t.id) ?? 0),
        ]),
      ];
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
      for (const r of rows)
        io.out(
          r
            .map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat(widths[i]! - [...cell].length)))
            .join('  '),
        );
      io.out(`${tenants.length} ${tenants.length === 1 ? 'ente' : 'enti'}.`);
      return EXIT_OK;
    },
  },

  'admin:create': {
    options: {
      tenant: { type: 'string' },
      username: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
    },
    run: async (values, deps, io) => {
      const tenantSlug = required(values, 'tenant');
      const raw = {
        username: required(values, 'username'),
        email: required(values, 'email'),
        full_name: required(values, 'name'),
      };
      const tenant = await tenantBySlug(deps.db, tenantSlug);
      const optionOf = { username: 'username', email: 'email', full_name: 'name' };
      const parsed = ZStaffAccount.pick({ username: true, email: true, full_name: true }).safeParse(raw);
      if (!parsed.success) {
        io.err(
          `Amministratore non creato, dati non validi:\n${fieldErrors(zodErrors(parsed.error), optionOf)}`,
        );
        return EXIT_FAILURE;
      }
      const password = generateInitialPassword(tenant.passwordPolicy);
      try {
        await createStaffAccount(
          deps,
          tenant,
          {
            username: parsed.data.username,
            email: parsed.data.email,
            fullName: parsed.data.full_name,
            initialPassword: password,
            role: 'tenant_admin',
          },
          CLI_ACTOR,
        );
      } catch (err) {
        if (err instanceof ValidationError) {
          io.err(`Amministratore non creato:\n${fieldErrors(err.fieldErrors, optionOf)}`);
          return EXIT_FAILURE;
        }
        if (isUniqueViolation(err)) {
          io.err('Amministratore non creato: nome utente o indirizzo e-mail già in uso in questo ente.');
          return EXIT_FAILURE;
        }
        throw err;
      }
      io.out(
        [
          `Amministratore creato per l'ente ${tenant.slug}: ${parsed.data.username} <${parsed.data.email}>`,
          `Password iniziale: ${password}`,
          'La password viene mostrata solo ora e non è conservata in chiaro: consegnala in modo riservato.',
          `Al primo accesso (${tenantUrl(deps.config, tenant.slug)}accesso) dovrà sceglierne una nuova.`,
        ].join('\n'),
      );
      return EXIT_OK;
    },
  },

  'audit:verify': {
    options: { tenant: { type: 'string' } },
    run: async (values, deps, io) => {
      const chains: Array<{ label: string; tenant: TTenant | null }> = [];
      if (values.tenant !== undefined) {
        const t = await tenantBySlug(deps.db, required(values, 'tenant'));
        chains.push({ label: t.slug, tenant: t });
      } else {
        for (const t of await listTenants(deps.db)) chains.push({ label: t.slug, tenant: t });
        chains.push({ label: '(piattaforma)', tenant: null });
      }
      let broken = 0;
      for (const { label, tenant } of chains) {
        const verdict = await verifyTenantAudit(deps.db, tenant?.id ?? null);
        if (verdict.ok) {
          if (tenant || verdict.rows > 0)
            io.out(
              `OK      ${label}: ${verdict.rows} ${verdict.rows === 1 ? 'riga' : 'righe'}, catena integra`,
            );
        } else {
          broken++;
          io.out(
            `ERRORE  ${label}: catena interrotta alla riga seq ${verdict.brokenSeq} (id ${verdict.brokenId}): ${verdict.reason}`,
          );
        }
      }
      if (broken > 0) {
        io.err(
          `Registro delle attività alterato: ${broken} ${broken === 1 ? 'catena interrotta' : 'catene interrotte'}. ` +
            'Conserva una copia del database prima di qualsiasi intervento.',
        );
        return EXIT_FAILURE;
      }
      io.out('Registro delle attività integro.');
      return EXIT_OK;
    },
  },

  'customers:import': {
    options: { tenant: { type: 'string' }, file: { type: 'string' } },
    run: async (values, deps, io) => {
      const tenant = await tenantBySlug(deps.db, required(values, 'tenant'));
      const path = required(values, 'file');
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch {
        throw new CommandError(`File non leggibile: ${path}`);
      }
      const r = await importCustomersCsv(deps.db, tenant.id, text, CLI_ACTOR, 'riga di comando');
      if (!r.ok) {
        io.err(
          `Anagrafica non importata, nessun cliente modificato:\n${r.errors.map((e) => `  ${e}`).join('\n')}`,
        );
        return EXIT_FAILURE;
      }
      io.out(
        `Anagrafica clienti di ${tenant.slug}: ${r.rows} righe, ${r.inserted} nuovi, ${r.updated} aggiornati, ${r.unchanged} invariati.`,
      );
      return EXIT_OK;
    },
  },

  'api-token:create': {
    options: { tenant: { type: 'string' }, name: { type: 'string' } },
    run: async (values, deps, io) => {
      const tenant = await tenantBySlug(deps.db, required(values, 'tenant'));
      const name = required(values, 'name').trim().slice(0, 100);
      const { token } = await createApiToken(deps.db, tenant, name, CLI_ACTOR);
      io.out(
        [
          `Token API «${name}» creato per l'ente ${tenant.slug}:`,
          token,
          'Il token viene mostrato solo ora e non è conservato in chiaro: usalo come Authorization: Bearer <token>.',
        ].join('\n'),
      );
      return EXIT_OK;
    },
  },

  'grants:seed-puglia': {
    options: { tenant: { type: 'string' }, open: { type: 'string' } },
    run: async (values, deps, io) => {
      const tenant = await tenantBySlug(deps.db, required(values, 'tenant'));
      const id =
        values.open === 'si'
          ? await seedDemoOpenCall(deps.db, tenant.id, deps.now())
          : await seedPuglia2024Call(deps.db, tenant.id);
      const call = await getCall(deps.db, tenant.id, id);
      io.out(
        [
          `Bando «${call.code}» presente nell'ente ${tenant.slug} (dotazione ${formatEuro(call.budgetCents)}).`,
          `Pagina pubblica: ${tenantUrl(deps.config, tenant.slug)}bandi/${call.code}`,
        ].join('\n'),
      );
      return EXIT_OK;
    },
  },

  'documents:publish': {
    options: { tenant: { type: 'string' }, manifest: { type: 'string' }, dir: { type: 'string' } },
    run: async (values, deps, io) => {
      const tenant = await tenantBySlug(deps.db, required(values, 'tenant'));
      const path = required(values, 'manifest');
      let manifest: Buffer;
      try {
        manifest = await readFile(path);
      } catch {
        throw new CommandError(`File non leggibile: ${path}`);
      }
      const files = folderSource(optional(values.dir) ?? dirname(path));
      const r = await publishManifest(deps, tenant, manifest, files, CLI_ACTOR);
      const lines = manifestReportLines(r);
      if (r.manifestError || r.errors.length > 0) {
        io.err(lines.join('\n'));
        return EXIT_FAILURE;
      }
      io.out(lines.join('\n'));
      return EXIT_OK;
    },
  },
};

/** Users per tenant, across tenants (tenant:list only). */
async function countUsersPerTenantUnsafe(db: TDb): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('users')
    .select(['tenant_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('tenant_id')
    .execute();
  return new Map(rows.map((r) => [r.tenant_id, Number(r.n)]));
}

export function isHelpRequest(argv: readonly string[]): boolean {
  return argv.length === 0 || ['help', '--help', '-h'].includes(argv[0]!) || argv.includes('--help');
}

function parseOptions(command: string, args: readonly string[], options: TOptionSpec) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values as Record<
      string,
      string | undefined
    >;
  } catch (err) {
    const code = (err as { code?: string }).code;
    const message = err instanceof Error ? err.message : String(err);
    const token = /'([^']+)'/.exec(message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      throw new UsageError(`Opzione sconosciuta per ${command}: ${token}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      throw new UsageError(`Manca il valore dell'opzione ${token.split(' ')[0] ?? ''} di ${command}.`);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
      throw new UsageError(
        `Argomento inatteso per ${command}: ${token} (le opzioni si scrivono --nome valore).`,
      );
    throw new UsageError(`Opzioni non valide per ${command}.`);
  }
}

/** Runs one command line (without `node` and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], deps: TCliDeps, io: TCliIo): Promise<number> {
  if (isHelpRequest(argv)) {
    io.out(USAGE);
    return argv.length === 0 ? EXIT_USAGE : EXIT_OK;
  }
  const [name, ...args] = argv as [string, ...string[]];
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  try {
    if (!command) throw new UsageError(`Comando sconosciuto: ${name}`);
    const values = parseOptions(name, args, command.options);
    const applied = await migrateToLatest(deps.db);
    if (applied.length > 0) io.out(`Migrazioni applicate: ${applied.join(', ')}`);
    return await command.run(values, deps, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    if (err instanceof CommandError) {
      io.err(err.message);
      return EXIT_FAILURE;
    }
    throw err;
  }
}

async function main(argv: string[]): Promise<number> {
  if (isHelpRequest(argv)) {
    console.log(USAGE);
    return argv.length === 0 ? EXIT_USAGE : EXIT_OK;
  }
  const io: TCliIo = { out: (t) => console.log(t), err: (t) => console.error(t) };
  let config: TConfig;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return EXIT_FAILURE;
    }
    throw err;
  }
  const database = await openDatabase(config.database);
  try {
    const deps: TCliDeps = {
      config,
      db: database.db,
      hasher: new PasswordHasher(config.hashThreads),
      now: () => new Date(),
    };
    return await runCli(argv, deps, io);
  } finally {
    await database.close();
  }
}

const invokedDirectly = (() => {
  try {
    return !!process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
})();

if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error('Errore inatteso:', err instanceof Error ? err.message : err);
      process.exitCode = EXIT_FAILURE;
    },
  );
}
