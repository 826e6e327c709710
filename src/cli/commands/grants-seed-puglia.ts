import { formatEuro } from '../../italian/money.js';
import { getCall } from '../../modules/grants/calls/queries.js';
import { seedDemoOpenCall, seedPuglia2024Call } from '../../modules/grants/calls/seed-puglia-2024.js';
import { EXIT_OK, required, type TCommand, tenantBySlug, tenantUrl } from '../cli-kit.js';

export const grantsSeedPuglia: TCommand = {
  name: 'grants:seed-puglia',
  usage: `  grants:seed-puglia --tenant <slug> [--open si]
      Crea il bando Puglia 2024 per la sostituzione di stufe e caminetti a biomasse (DD n. 95 del
      14/10/2024) con le date dell'avviso; con --open si una copia aperta da ieri per 90 giorni.`,
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
};
