import { LATEST_MIGRATION } from '../../db/migrate.js';
import { EXIT_OK, type TCommand } from '../cli-kit.js';

export const migrate: TCommand = {
  name: 'migrate',
  usage: `  migrate
      Aggiorna lo schema del database all'ultima versione.`,
  options: {},
  // The migration itself runs before every command (see runCli).
  run: async (_values, _deps, io) => {
    io.out(`Lo schema del database è aggiornato (ultima migrazione: ${LATEST_MIGRATION}).`);
    return EXIT_OK;
  },
};
