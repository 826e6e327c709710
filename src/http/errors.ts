/**
 * Typed domain errors. Use cases throw them; the central handler (http/error-pages.tsx) turns each
 * into an Italian error page or an application/problem+json answer. Messages are shown to users.
 */
export class DomainError extends Error {
  readonly status: number = 400;
  readonly title: string = 'Richiesta non valida';
}

export class NotFoundError extends DomainError {
  override readonly status = 404;
  override readonly title = 'Pagina non trovata';
  constructor(message = 'La pagina richiesta non esiste o non è più disponibile.') {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  override readonly status = 403;
  override readonly title = 'Accesso non consentito';
  constructor(message = 'Non hai i permessi per accedere a questa pagina.') {
    super(message);
  }
}

export class UnauthenticatedError extends DomainError {
  override readonly status = 401;
  override readonly title = 'Accesso richiesto';
  constructor(message = 'Per continuare devi accedere con le tue credenziali.') {
    super(message);
  }
}

export class ConflictError extends DomainError {
  override readonly status = 409;
  override readonly title = 'Operazione non possibile';
}

export class ServiceBusyError extends DomainError {
  override readonly status = 503;
  override readonly title = 'Servizio momentaneamente sovraccarico';
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds = 5) {
    super('Il servizio è molto richiesto in questo momento. Riprova tra qualche secondo.');
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Field-level validation failure: the form is shown again with these messages and the typed values. */
export class ValidationError extends DomainError {
  override readonly status = 422;
  override readonly title = 'Dati non validi';
  readonly fieldErrors: Record<string, string>;
  constructor(fieldErrors: Record<string, string>) {
    super(Object.values(fieldErrors).join(' '));
    this.fieldErrors = fieldErrors;
  }
}
