import { z } from 'zod';
import { appendAudit } from '../../audit/audit-log.js';
import {
  isPasswordPolicyId,
  PASSWORD_POLICIES,
  PASSWORD_POLICY_IDS,
  type TPasswordPolicyId,
} from '../../auth/password-policy.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { emailField, requiredText } from '../../http/zod-fields.js';
import type { TTenant } from '../../tenancy/tenant.js';
import { findTenantBySlug, insertTenant } from '../../tenancy/tenants.js';
import {
  CLI_ACTOR,
  CommandError,
  EXIT_FAILURE,
  EXIT_OK,
  fieldErrors,
  optional,
  required,
  type TCommand,
  tenantUrl,
  zodErrors,
} from '../cli-kit.js';

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

export const tenantCreate: TCommand = {
  name: 'tenant:create',
  usage: `  tenant:create --slug <slug> --name <nome> --activation-email <e-mail>
                [--support-phone <telefono>] [--support-hours <orari>]
                [--password-policy ${PASSWORD_POLICY_IDS.join('|')}]
      Crea un ente. Lo slug è il primo nome dell'indirizzo web: <slug>.<dominio>.`,
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
      if (isUniqueViolation(err, 'tenants_slug_key')) throw taken; // created meanwhile by someone else
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
};
