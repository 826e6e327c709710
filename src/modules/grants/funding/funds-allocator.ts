// The per-instance driver of the allocator (./allocate-funds.ts): a submission kicks it, a timer sweeps for
// applications left pending (after a crash, or while another instance held the call).
import type { FastifyBaseLogger } from 'fastify';
import type { TDb } from '../../../db/database.js';
import type { TenantId } from '../../../tenancy/tenant.js';
import { allocateCall } from './allocate-funds.js';

/** Pause between two passes on one instance: coalesces a burst of kicks into one pass. */
const MIN_PASS_INTERVAL_MS = 50;

/** Calls of every tenant with applications not yet reached by the allocator (crash recovery, other instances). */
export async function unsafeCallsWithPendingApplications(
  db: TDb,
): Promise<Array<{ tenantId: TenantId; callId: string }>> {
  const rows = await db
    .selectFrom('grant_applications')
    .select(['tenant_id', 'call_id'])
    .where('funding', '=', 'pending')
    .groupBy(['tenant_id', 'call_id'])
    .execute();
  return rows.map((r) => ({ tenantId: r.tenant_id, callId: r.call_id }));
}

/**
 * Per-instance driver: a submission kicks it (allocation starts within milliseconds), and a timer sweeps
 * every second for applications left pending (after a crash, or when another instance was busy).
 */
export class FundsAllocator {
  private readonly queued = new Map<string, TenantId>();
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly db: TDb,
    private readonly now: () => Date,
    private readonly log?: FastifyBaseLogger,
  ) {}

  /** Starts the periodic sweep (the server does; tests call kick/idle instead). */
  startSweep(intervalMs = 1000): void {
    this.timer = setInterval(() => {
      void unsafeCallsWithPendingApplications(this.db)
        .then((calls) => {
          for (const c of calls) this.kick(c.tenantId, c.callId);
        })
        .catch((err) => this.log?.error({ err }, 'grant allocator sweep failed'));
    }, intervalMs);
    this.timer.unref();
  }

  kick(tenantId: TenantId, callId: string): void {
    if (this.stopped) return;
    this.queued.set(callId, tenantId);
    if (!this.running) this.running = this.drain();
  }

  private async drain(): Promise<void> {
    try {
      let first = true;
      while (this.queued.size > 0 && !this.stopped) {
        if (!first) await new Promise((r) => setTimeout(r, MIN_PASS_INTERVAL_MS));
        first = false;
        if (this.queued.size === 0) break;
        const [callId, tenantId] = this.queued.entries().next().value as [string, TenantId];
        this.queued.delete(callId);
        try {
          const r = await allocateCall(this.db, tenantId, callId, this.now());
          if (r.busy) setTimeout(() => this.kick(tenantId, callId), 100).unref();
        } catch (err) {
          this.log?.error({ err, callId }, 'grant allocation failed');
          setTimeout(() => this.kick(tenantId, callId), 500).unref();
        }
      }
    } finally {
      this.running = null;
    }
  }

  /** Resolves when nothing is queued or running (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
  }
}
