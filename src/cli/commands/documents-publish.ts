import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { folderSource } from '../../modules/documents/office/manifest.js';
import { manifestReportLines, publishManifest } from '../../modules/documents/office/publish-manifest.js';
import {
  CLI_ACTOR,
  CommandError,
  EXIT_FAILURE,
  EXIT_OK,
  optional,
  required,
  type TCommand,
  tenantBySlug,
} from '../cli-kit.js';

export const documentsPublish: TCommand = {
  name: 'documents:publish',
  usage: `  documents:publish --tenant <slug> --manifest <manifest.csv> [--dir <cartella dei PDF>]
      Pubblica i documenti del manifesto (codice_cliente;tipo;titolo;data;file;id_esterno); i PDF
      sono nella cartella del manifesto o in --dir. Le righe già pubblicate (id_esterno) non si ripubblicano.`,
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
};
