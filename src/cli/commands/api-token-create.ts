import { createApiToken } from '../../modules/documents/api/api-tokens.js';
import { CLI_ACTOR, EXIT_OK, required, type TCommand, tenantBySlug } from '../cli-kit.js';

export const apiTokenCreate: TCommand = {
  name: 'api-token:create',
  usage: `  api-token:create --tenant <slug> --name <nome>
      Crea un token per l'API JSON dell'ente (mostrato una sola volta).`,
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
};
