import { isUniqueViolation } from '../../db/unique-violation.js';
import { ValidationError } from '../../http/errors.js';
import { createStaffAccount } from '../../modules/accounts/create-staff-account.js';
import { ZStaffAccount } from '../../modules/accounts/schemas.js';
import {
  CLI_ACTOR,
  EXIT_FAILURE,
  EXIT_OK,
  fieldErrors,
  required,
  type TCommand,
  tenantBySlug,
  tenantUrl,
  zodErrors,
} from '../cli-kit.js';
import { generateInitialPassword } from '../initial-password.js';

const OPTION_OF = { username: 'username', email: 'email', full_name: 'name' };

export const adminCreate: TCommand = {
  name: 'admin:create',
  usage: `  admin:create --tenant <slug> --username <nome utente> --email <e-mail> --name <nome e cognome>
      Crea l'amministratore di un ente con una password iniziale generata a caso,
      mostrata una sola volta, da cambiare al primo accesso.`,
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
    const parsed = ZStaffAccount.pick({ username: true, email: true, full_name: true }).safeParse(raw);
    if (!parsed.success) {
      io.err(
        `Amministratore non creato, dati non validi:\n${fieldErrors(zodErrors(parsed.error), OPTION_OF)}`,
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
        io.err(`Amministratore non creato:\n${fieldErrors(err.fieldErrors, OPTION_OF)}`);
        return EXIT_FAILURE;
      }
      if (isUniqueViolation(err, 'users_tenant_username_uq', 'users_tenant_email_uq')) {
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
};
