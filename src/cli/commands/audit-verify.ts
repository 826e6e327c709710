import { verifyTenantAudit } from '../../audit/audit-log.js';
import type { TTenant } from '../../tenancy/tenant.js';
import { listTenants } from '../../tenancy/tenants.js';
import { EXIT_FAILURE, EXIT_OK, required, type TCommand, tenantBySlug } from '../cli-kit.js';

export const auditVerify: TCommand = {
  name: 'audit:verify',
  usage: `  audit:verify [--tenant <slug>]
      Verifica l'integrità del registro delle attività di tutti gli enti (o di uno).`,
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
};
