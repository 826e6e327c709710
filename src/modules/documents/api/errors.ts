import { DomainError } from '../../../http/errors.js';

/** A customer load refused as a whole: 422 problem+json whose `errors` lists the wrong rows ("riga N: …"). */
export class CustomersImportRefusedError extends DomainError {
  override readonly status = 422;
  override readonly title = 'Dati non validi';
  override readonly code = 'customers-import-refused';
  override readonly problemMembers: { errors: readonly string[] };
  constructor(errors: readonly string[]) {
    super('Nessun cliente è stato importato: correggi le righe indicate e invia di nuovo.');
    this.problemMembers = { errors };
  }
}

/**
 * A document archive refused as a whole (no zip, too large, no readable manifest): 422 problem+json; the
 * message is also in `errore`, the member the API answered with before it spoke problem+json.
 */
export class ArchiveRefusedError extends DomainError {
  override readonly status = 422;
  override readonly title = 'Archivio non valido';
  override readonly code = 'documents-archive-refused';
  override readonly problemMembers: { errore: string };
  constructor(message: string) {
    super(message);
    this.problemMembers = { errore: message };
  }
}
