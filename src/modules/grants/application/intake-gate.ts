// Load shedding for "Invia": beyond a fixed number of submissions in flight on this instance the server
// answers 503 with Retry-After at once — before the session is even read — instead of queueing everyone
// into slow answers. Nothing is acknowledged unless it was committed, so a refused request can simply be
// sent again (the page says so).

/** The one request the gate guards. */
export const SUBMIT_PATH = /^\/domande\/[^/?#]+\/invia(?:[?#]|$)/;

export class IntakeGate {
  private inFlight = 0;
  private lastAdmittedAt = 0;
  rejected = 0;

  constructor(private readonly maxInFlight: number) {}

  /** Admits the request, or returns false when this instance already has `maxInFlight` of them. */
  tryEnter(): boolean {
    if (this.inFlight >= this.maxInFlight) {
      this.rejected++;
      return false;
    }
    this.inFlight++;
    this.lastAdmittedAt = Date.now();
    return true;
  }

  leave(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  /** True while submissions are arriving (one in the last `windowMs`): background work can wait. */
  busy(windowMs = 3000): boolean {
    return this.inFlight > 0 || Date.now() - this.lastAdmittedAt < windowMs;
  }
}

export const RETRY_AFTER_SECONDS = 2;

/** A small, self-contained Italian page: rendering the full layout would cost what we are shedding. */
export const BUSY_PAGE = `<!doctype html>
<html lang="it"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Servizio molto richiesto</title></head>
<body><main style="font-family:sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
<h1>Servizio molto richiesto in questo momento</h1>
<p>La tua domanda <strong>non è stata ancora inviata</strong>: in questo istante il portale sta ricevendo
moltissime domande. Torna indietro e premi di nuovo «Invia» tra ${RETRY_AFTER_SECONDS} secondi: l'ordine di arrivo
vale dal momento in cui la domanda viene registrata e ricevi subito il numero di protocollo.</p>
</main></body></html>`;
