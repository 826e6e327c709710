import type { Session } from 'fastify';
import type { TDb } from '../db/database.js';
import type { TenantId } from '../tenancy/tenant.js';
import { canonicalJson } from '../util/canonical-json.js';

const TOUCH_INTERVAL_MS = 60_000;

type TCallback = (err?: unknown, result?: unknown) => void;
type TSessionData = { tenantId?: TenantId | undefined; userId?: string | undefined };

/**
 * Sessions live in PostgreSQL, so any app instance serves any user. A session expires `idleMs` after
 * its last request (each request re-saves it with a new expiry); expired rows are never returned and
 * are purged by a background job.
 */
export class DbSessionStore {
  constructor(
    private readonly db: TDb,
    private readonly idleMs: number,
  ) {}

  /**
   * Last write per session id on this instance: an unchanged session is re-written (to push its expiry)
   * at most once a minute, not on every request. Only an optimisation: any instance can still serve any
   * session, and the idle timeout is exact to within that minute.
   */
  private readonly lastWrite = new Map<string, { data: string; at: number }>();

  set(sid: string, session: TSessionData, cb: TCallback): void {
    const { cookie: _cookie, ...rest } = session as TSessionData & { cookie?: unknown };
    const data = JSON.stringify(session);
    // Canonical: a session read back from jsonb has its keys in another order than the one written.
    const fingerprint = canonicalJson(rest);
    const nowMs = Date.now();
    const last = this.lastWrite.get(sid);
    if (last && last.data === fingerprint && nowMs - last.at < TOUCH_INTERVAL_MS) {
      cb();
      return;
    }
    if (this.lastWrite.size > 50_000) this.lastWrite.clear();
    this.lastWrite.set(sid, { data: fingerprint, at: nowMs });
    const expires = new Date(nowMs + this.idleMs);
    this.db
      .insertInto('sessions')
      .values({
        sid,
        data,
        expires_at: expires,
        tenant_id: session.tenantId ?? null,
        user_id: session.userId ?? null,
      })
      .onConflict((oc) =>
        oc.column('sid').doUpdateSet({
          data,
          expires_at: expires,
          tenant_id: session.tenantId ?? null,
          user_id: session.userId ?? null,
          updated_at: new Date(),
        }),
      )
      .execute()
      .then(
        () => cb(),
        (err) => {
          this.lastWrite.delete(sid);
          cb(err);
        },
      );
  }

  get(sid: string, cb: (err: unknown, result?: Session | null) => void): void {
    this.db
      .selectFrom('sessions')
      .select('data')
      .where('sid', '=', sid)
      .where('expires_at', '>', new Date())
      .executeTakeFirst()
      .then((row) => cb(null, row ? (row.data as unknown as Session) : null), cb);
  }

  destroy(sid: string, cb: TCallback): void {
    this.lastWrite.delete(sid);
    this.db
      .deleteFrom('sessions')
      .where('sid', '=', sid)
      .execute()
      .then(() => cb(), cb);
  }
}

/** Across every tenant (hence `unsafe`): deletes the expired sessions (background job). */
export async function unsafePurgeExpiredSessions(db: TDb, now = new Date()): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}
