/**
 * Typed domain errors. Use cases throw them; the central handler (http/error-pages.tsx) turns each
 * into an Italian error page or an application/problem+json answer whose `type` carries the stable `code`.
 * Messages are shown to users.
 */
export class DomainError extends Error {
  readonly status: number = 400;
  readonly title: string = 'Richiesta non valida';
  /** Stable machine-readable code (problem+json `type` is `urn:focolare:problem:<code>`). */
  readonly code: string = 'bad-request';
  /** Extension members of the problem+json answer (RFC 9457 § 3.2), e.g. the wrong rows of a bulk load. */
  readonly problemMembers: Readonly<Record<string, unknown>> | undefined = undefined;
}

export class NotFoundError extends DomainError {
  override readonly status = 404;
  override readonly title = 'Pagina non trovata';
  override readonly code = 'not-found';
  constructor(message = 'La pagina richiesta non esiste o non è più disponibile.') {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  override readonly status = 403;
  override readonly title = 'Accesso non consentito';
  override readonly code = 'forbidden';
  constructor(message = 'Non hai i permessi per accedere a questa pagina.') {
    super(message);
  }
}

export class UnauthenticatedError extends DomainError {
  override readonly status = 401;
  override readonly title = 'Accesso richiesto';
  override readonly code = 'unauthenticated';
  constructor(message = 'Per continuare devi accedere con le tue credenziali.') {
    super(message);
  }
}

export class ConflictError extends DomainError {
  override readonly status = 409;
  override readonly title = 'Operazione non possibile';
  override readonly code: string = 'conflict';
}

export class ServiceBusyError extends DomainError {
  override readonly status = 503;
  override readonly title = 'Servizio momentaneamente sovraccarico';
  override readonly code = 'service-busy';
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
  override readonly code = 'validation';
  readonly fieldErrors: Record<string, string>;
  constructor(fieldErrors: Record<string, string>) {
    super(Object.values(fieldErrors).join(' '));
    this.fieldErrors = fieldErrors;
  }
}

/** Why an e-mailed link no longer works. */
export type TLinkState = 'used' | 'expired' | 'unknown';

/**
 * The one error for an e-mailed link (confirmation, signing, password, upload…) that is expired, used or
 * unknown: 410 "Collegamento non più valido". `renewHref`/`renewLabel` name the page where the flow lets
 * the user ask for a new link; the error page shows it as a button.
 */
export class LinkExpiredError extends DomainError {
  override readonly status = 410;
  override readonly title = 'Collegamento non più valido';
  override readonly code = 'link-expired';
  readonly state: TLinkState;
  readonly renewHref: string | undefined;
  readonly renewLabel: string | undefined;
  constructor(state: TLinkState, message: string, renew?: { href: string; label: string }) {
    super(message);
    this.state = state;
    this.renewHref = renew?.href;
    this.renewLabel = renew?.label;
  }
}
