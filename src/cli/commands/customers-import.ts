import { readFile } from 'node:fs/promises';
import { importCustomersCsv } from '../../modules/documents/office/import-customers.js';
import {
  CLI_ACTOR,
  CommandError,
  EXIT_FAILURE,
  EXIT_OK,
  required,
  type TCommand,
  tenantBySlug,
} from '../cli-kit.js';

export const customersImport: TCommand = {
  name: 'customers:import',
  usage: `  customers:import --tenant <slug> --file <file.csv>
      Importa o aggiorna l'anagrafica clienti dell'area documenti (colonne
      codice_cliente;tipo;nome;codice_fiscale_piva;email). Se una riga è errata non importa nulla.`,
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
};
