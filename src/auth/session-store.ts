import type { Session } from 'fastify';
import type { TDb } from '../db/database.js';

type TCallback = (err?: unknown, result?: unknown) => void;
type TSessionData = { tenantId?: string | undefined; userId?: string | undefined };

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

  set(sid: string, session: TSessionData, cb: TCallback): void {
    const data = JSON.stringify(session);
    const expires = new Date(Date.now() + this.idleMs);
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
      .then(() => cb(), cb);
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
    this.db
      .deleteFrom('sessions')
      .where('sid', '=', sid)
      .execute()
      .then(() => cb(), cb);
  }
}

export async function purgeExpiredSessions(db: TDb, now = new Date()): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}
