// Load shedding for "Invia": beyond a fixed number of submissions in flight on this instance the server
// answers 503 with Retry-After at once, instead of queueing everyone into slow answers. Nothing is
// acknowledged unless it was committed, so a refused request can simply be sent again.
import { ServiceBusyError } from '../../http/errors.js';

export class IntakeGate {
  private inFlight = 0;
  rejected = 0;

  constructor(private readonly maxInFlight: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.inFlight >= this.maxInFlight) {
      this.rejected++;
      throw new ServiceBusyError(2);
    }
    this.inFlight++;
    try {
      return await task();
    } finally {
      this.inFlight--;
    }
  }
}
