import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DbSessionStore } from '../../src/auth/session-store.js';
import { createTestDatabase, type TTestDatabase } from '../helpers/test-db.js';

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

describe(`database session store (${engine})`, () => {
  let tdb: TTestDatabase;
  before(async () => {
    tdb = await createTestDatabase();
  });
  after(() => tdb.close());

  const set = (store: DbSessionStore, sid: string, data: object) =>
    new Promise<void>((resolve, reject) =>
      store.set(sid, data as never, (err) => (err ? reject(err) : resolve())),
    );
  const get = (store: DbSessionStore, sid: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) =>
      store.get(sid, (err, s) => (err ? reject(err) : resolve(s as unknown as Record<string, unknown>))),
    );
  const writes = async (sid: string) =>
    (
      await tdb.db
        .selectFrom('sessions')
        .select(['updated_at'])
        .where('sid', '=', sid)
        .executeTakeFirstOrThrow()
    ).updated_at;

  test('a session read back and saved unchanged is not written again within the minute (jsonb reorders keys)', async () => {
    const store = new DbSessionStore(tdb.db, 30 * 60_000);
    const sid = 'sid-unchanged-1';
    await set(store, sid, {
      recoveryLogin: 'mario.rossi',
      loginAt: 1,
      _csrf: 'secret',
      cookie: { path: '/' },
    });
    const first = await writes(sid);
    const loaded = await get(store, sid);
    assert.notEqual(
      Object.keys(loaded).join(','),
      'recoveryLogin,loginAt,_csrf,cookie',
      'jsonb changed the key order',
    );
    await new Promise((r) => setTimeout(r, 20));
    await set(store, sid, loaded);
    assert.equal((await writes(sid)).getTime(), first.getTime(), 'unchanged: no second write');
    // A change is written at once.
    await set(store, sid, { ...loaded, flash: { kind: 'info', text: 'ciao' } });
    assert.notEqual((await writes(sid)).getTime(), first.getTime());
  });
});
