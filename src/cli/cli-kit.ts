import { z } from 'zod';
import type { TActor } from '../audit/audit-log.js';
import type { PasswordHasher } from '../auth/password-hash.js';
import type { TConfig } from '../config.js';
import type { TDb } from '../db/database.js';
import { type TTenant, tenantBaseUrl } from '../tenancy/tenant.js';
import { findTenantBySlug } from '../tenancy/tenants.js';

/**
 * What every command of the command line shares: its dependencies and output, the exit codes, the two
 * errors the dispatcher turns into exit codes, the usage text and the small option helpers.
 */

export type TCliDeps = { db: TDb; hasher: PasswordHasher; config: TConfig; now: () => Date };
export type TCliIo = { out: (text: string) => void; err: (text: string) => void };

export const EXIT_OK = 0;
/** The command ran and failed: invalid data, unknown tenant, broken audit chain. */
export const EXIT_FAILURE = 1;
/** The command line itself is wrong: unknown command or option, missing option. */
export const EXIT_USAGE = 2;

export const CLI_ACTOR: TActor = { id: null, label: 'riga di comando', ip: null };

/** A wrong command line: the message, then the usage, exit code 2. */
export class UsageError extends Error {}
/** A command that cannot be carried out: the message, exit code 1. */
export class CommandError extends Error {}

export type TOptionSpec = Record<string, { type: 'string' }>;
export type TOptionValues = Record<string, string | undefined>;

/** One command: its name, its lines in the usage, its options and what it does. */
export type TCommand = {
  name: string;
  /** The command's block in the usage, indented as it is printed. */
  usage: string;
  options: TOptionSpec;
  run: (values: TOptionValues, deps: TCliDeps, io: TCliIo) => Promise<number>;
};

const HELP_USAGE = `  help
      Mostra questo aiuto.`;

/** The usage text: the commands' blocks in the given order, then help. */
export function usageText(commands: readonly TCommand[]): string {
  return `Uso: npm run cli -- <comando> [opzioni]

Comandi:
${[...commands.map((c) => c.usage), HELP_USAGE].join('\n')}

Prima di ogni comando lo schema del database viene aggiornato.
Configurazione dalle variabili d'ambiente (DATABASE_URL, PGLITE_DATA_DIR, ...).
Con il database integrato (PGlite) ferma il server prima di usare la riga di comando.`;
}

export function required(values: TOptionValues, name: string): string {
  const v = values[name];
  if (v === undefined || v.trim() === '') throw new UsageError(`Manca l'opzione obbligatoria --${name}.`);
  return v;
}

export function optional(v: string | undefined): string | null {
  return v === undefined || v.trim() === '' ? null : v.trim();
}

export async function tenantBySlug(db: TDb, slug: string): Promise<TTenant> {
  const tenant = await findTenantBySlug(db, slug.trim().toLowerCase());
  if (!tenant)
    throw new CommandError(
      `Ente «${slug}» non trovato. Gli enti configurati si vedono con: npm run cli -- tenant:list`,
    );
  return tenant;
}

export function tenantUrl(config: TConfig, slug: string): string {
  return `${tenantBaseUrl(config, { slug })}/`;
}

/** Field errors as lines, each naming the option it comes from. */
export function fieldErrors(errors: Record<string, string>, optionOf: Record<string, string>): string {
  return Object.entries(errors)
    .map(([field, message]) => `  --${optionOf[field] ?? field}: ${message}`)
    .join('\n');
}

export function zodErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '');
    out[key] ??= issue.message;
  }
  return out;
}
