import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { PasswordHasher } from '../auth/password-hash.js';
import { ConfigError, loadConfig, type TConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import {
  CommandError,
  EXIT_FAILURE,
  EXIT_OK,
  EXIT_USAGE,
  type TCliDeps,
  type TCliIo,
  type TCommand,
  type TOptionSpec,
  type TOptionValues,
  UsageError,
  usageText,
} from './cli-kit.js';
import { adminCreate } from './commands/admin-create.js';
import { apiTokenCreate } from './commands/api-token-create.js';
import { auditVerify } from './commands/audit-verify.js';
import { customersImport } from './commands/customers-import.js';
import { documentsPublish } from './commands/documents-publish.js';
import { grantsSeedPuglia } from './commands/grants-seed-puglia.js';
import { migrate } from './commands/migrate.js';
import { tenantCreate } from './commands/tenant-create.js';
import { tenantList } from './commands/tenant-list.js';

export { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type TCliDeps, type TCliIo } from './cli-kit.js';
export { generateInitialPassword } from './initial-password.js';

/**
 * The command line of the operators of an installation: `npm run cli -- <comando> [opzioni]`.
 * One file per command in `commands/`, listed here in the order of the usage. `runCli` does the work and
 * returns the exit code; `main` (at the bottom) only reads the configuration, opens the database and hands
 * over, so tests call `runCli` in-process.
 */
const COMMAND_LIST: readonly TCommand[] = [
  migrate,
  tenantCreate,
  tenantList,
  adminCreate,
  auditVerify,
  customersImport,
  apiTokenCreate,
  documentsPublish,
  grantsSeedPuglia,
];
const COMMANDS = new Map(COMMAND_LIST.map((c) => [c.name, c]));
const USAGE = usageText(COMMAND_LIST);

export function isHelpRequest(argv: readonly string[]): boolean {
  return argv.length === 0 || ['help', '--help', '-h'].includes(argv[0]!) || argv.includes('--help');
}

function parseOptions(command: string, args: readonly string[], options: TOptionSpec): TOptionValues {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false })
      .values as TOptionValues;
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
  const command = COMMANDS.get(name);
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
