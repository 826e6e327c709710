import type { TDb } from '../../db/database.js';
import { listTenants } from '../../tenancy/tenants.js';
import { EXIT_OK, type TCommand } from '../cli-kit.js';

/** Users per tenant, across tenants (tenant:list only). */
async function unsafeCountUsersPerTenant(db: TDb): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('users')
    .select(['tenant_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('tenant_id')
    .execute();
  return new Map(rows.map((r) => [r.tenant_id, Number(r.n)]));
}

export const tenantList: TCommand = {
  name: 'tenant:list',
  usage: `  tenant:list
      Elenca gli enti.`,
  options: {},
  run: async (_values, deps, io) => {
    const tenants = await listTenants(deps.db);
    if (tenants.length === 0) {
      io.out(
        'Nessun ente configurato. Per crearne uno: npm run cli -- tenant:create (vedi npm run cli -- help)',
      );
      return EXIT_OK;
    }
    const counts = await unsafeCountUsersPerTenant(deps.db);
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
};
