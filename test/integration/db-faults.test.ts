import assert from 'node:assert/strict';
import { createServer, type Server, type Socket, connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { openPostgres, type TDatabaseHandle } from '../../src/db/database.js';
import { isDatabaseUnavailable } from '../../src/db/db-errors.js';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { buildTestApp, createTestTenant, type TTestApp } from '../helpers/test-app.js';
import { createTestDatabase, ownPool, type TTestDatabase } from '../helpers/test-db.js';

type TMode = 'open' | 'down' | 'blackhole';
/** One proxied connection; `stranded`: silently dropped (nothing forwarded, ever), as after a failover. */
type TPair = { client: Socket; upstream: Socket | undefined; held: Buffer[][]; stranded: boolean };

/**
 * A TCP proxy between the app's pool and PostgreSQL that can cut every connection (and refuse new ones
 * until restored), black-hole the traffic (accept and hold it, forward nothing: a silent network) and
 * restore it (held bytes and held connections then go through, as after a network blip).
 */
class FaultProxy {
  private mode: TMode = 'open';
  private readonly pairs = new Set<TPair>();
  private readonly server: Server;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {
    this.server = createServer((client) => this.accept(client));
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  private accept(client: Socket) {
    client.on('error', () => {});
    if (this.mode === 'down') {
      client.destroy();
      return;
    }
    // held[0]: bytes from the client, held[1]: bytes from the server, while black-holed.
    const pair: TPair = { client, upstream: undefined, held: [[], []], stranded: false };
    this.pairs.add(pair);
    client.on('close', () => {
      this.pairs.delete(pair);
      pair.upstream?.destroy();
    });
    client.on('data', (d: Buffer) => {
      if (pair.stranded) return;
      if (this.mode === 'blackhole' || !pair.upstream) pair.held[0]!.push(d);
      else pair.upstream.write(d);
    });
    if (this.mode === 'open') this.connectUpstream(pair);
  }

  private connectUpstream(pair: TPair) {
    const upstream = connect(this.target.port, this.target.host);
    pair.upstream = upstream;
    upstream.on('error', () => pair.client.destroy());
    upstream.on('close', () => pair.client.destroy());
    upstream.on('data', (d: Buffer) => {
      if (pair.stranded) return;
      if (this.mode === 'blackhole') pair.held[1]!.push(d);
      else pair.client.write(d);
    });
    for (const d of pair.held[0]!.splice(0)) upstream.write(d);
  }

  /** Every connection dropped; new ones are closed at once until restore(). */
  cut() {
    this.mode = 'down';
    for (const p of this.pairs) {
      p.client.destroy();
      p.upstream?.destroy();
    }
    this.pairs.clear();
  }

  /** Connections stay open but nothing goes through; new connections are accepted and held. */
  blackhole() {
    this.mode = 'blackhole';
  }

  /** The open connections go silent for good; new connections go through. */
  strand() {
    for (const p of this.pairs) p.stranded = true;
  }

  restore() {
    this.mode = 'open';
    for (const p of this.pairs) {
      if (!p.upstream) this.connectUpstream(p);
      else {
        for (const d of p.held[0]!.splice(0)) p.upstream.write(d);
        for (const d of p.held[1]!.splice(0)) p.client.write(d);
      }
    }
  }

  async close() {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe(
  'database faults through a TCP proxy (PostgreSQL)',
  {
    skip:
      !process.env.DATABASE_URL &&
      'needs PostgreSQL (DATABASE_URL): PGlite runs in-process, no connection to cut',
  },
  () => {
    let tdb: TTestDatabase;
    let own: { db: TTestDatabase['db']; url: string; close: () => Promise<void> };
    let proxy: FaultProxy;
    let handle: TDatabaseHandle;
    let t: TTestApp;
    let tenant: TTenant;
    const uncaught: unknown[] = [];
    const poolErrors: string[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);

    before(async () => {
      process.on('uncaughtException', onUncaught);
      process.on('unhandledRejection', onUncaught);
      tdb = await createTestDatabase();
      own = await ownPool(tdb, 2);
      const url = new URL(own.url);
      proxy = new FaultProxy({ host: url.hostname, port: Number(url.port || 5432) });
      await proxy.listen();
      url.host = `127.0.0.1:${proxy.port}`;
      handle = openPostgres(
        url.toString(),
        4,
        { connectMs: 1_000, statementMs: 5_000, idleInTransactionMs: 10_000, queryMs: 2_000 },
        (message, err) => poolErrors.push(`${message}: ${err.message}`),
      );
      t = await buildTestApp(handle.db);
      tenant = await createTestTenant(own.db);
    });

    after(async () => {
      proxy.restore();
      await t.app.close();
      await handle.close().catch(() => {});
      await proxy.close();
      await own.close();
      await tdb.close();
      process.off('uncaughtException', onUncaught);
      process.off('unhandledRejection', onUncaught);
    });

    /** The home page, with the tenant looked up in the database (not the resolver's cache). */
    function page(json = false) {
      t.app.tenants.forget(tenant.slug);
      return t.app.inject({
        url: '/',
        headers: { host: `${tenant.slug}.localhost`, ...(json ? { accept: 'application/json' } : {}) },
      });
    }

    async function healthz() {
      const started = Date.now();
      const res = await t.app.inject({ url: '/healthz' });
      return { status: res.statusCode, ms: Date.now() - started };
    }

    /** Pages answer 200 again within `withinMs` (the pool opens new connections by itself). */
    async function recovers(withinMs: number): Promise<number> {
      const started = Date.now();
      for (;;) {
        const res = await page();
        if (res.statusCode === 200) return Date.now() - started;
        assert.equal(res.statusCode, 503, res.body.slice(0, 300));
        assert.ok(Date.now() - started < withinMs, `no recovery within ${withinMs} ms`);
        await sleep(100);
      }
    }

    test('the database answers through the proxy', async () => {
      assert.equal((await page()).statusCode, 200);
      assert.equal((await healthz()).status, 200);
      const live = await t.app.inject({ url: '/livez' });
      assert.equal(live.statusCode, 200);
    });

    test('cut with requests and a transaction in flight: no crash, 503 with Retry-After, then 200 again', async () => {
      // A checked-out connection idle inside a transaction when the cut comes: its 'error' event has
      // no active query to go to; without a listener it would be an uncaught exception.
      let inTransaction!: () => void;
      const cutDone = new Promise<void>((resolve) => (inTransaction = resolve));
      const tx = handle.db
        .transaction()
        .execute(async (trx) => {
          await sql`select 1`.execute(trx);
          inTransaction();
          await sleep(300);
          await sql`select 1`.execute(trx);
        })
        .then(
          () => undefined,
          (err: unknown) => err,
        );
      // A visitor with a session (the form's CSRF secret), read from the database on every request.
      const form = await t.app.inject({
        url: '/registrazione',
        headers: { host: `${tenant.slug}.localhost` },
      });
      assert.equal(form.statusCode, 200);
      const sessionCookie = String(form.headers['set-cookie']).split(';')[0]!;
      assert.match(sessionCookie, /^focolare_sid=/);
      await cutDone;
      const inFlight = Array.from({ length: 12 }, () => page());
      await sleep(5);
      proxy.cut();
      const answers = await Promise.all(inFlight);
      for (const res of answers) assert.ok([200, 503].includes(res.statusCode), `${res.statusCode}`);
      const txError = await tx;
      assert.ok(txError, 'the transaction should have failed');
      assert.ok(isDatabaseUnavailable(txError), String(txError));

      // While the database is unreachable: the Italian page, or problem+json, with 503 and Retry-After.
      const down = await page();
      assert.equal(down.statusCode, 503);
      assert.ok(Number(down.headers['retry-after']) > 0);
      assert.match(down.body, /Servizio temporaneamente non disponibile/);
      const problem = await page(true);
      assert.equal(problem.statusCode, 503);
      assert.match(String(problem.headers['content-type']), /application\/problem\+json/);
      assert.equal(problem.json().code, 'database-unavailable');
      const withSession = await t.app.inject({
        url: '/registrazione',
        headers: { host: `${tenant.slug}.localhost`, cookie: sessionCookie },
      });
      assert.equal(withSession.statusCode, 503, withSession.body.slice(0, 300));
      assert.match(withSession.body, /Servizio temporaneamente non disponibile/);
      const health = await healthz();
      assert.equal(health.status, 503);
      assert.ok(health.ms < 2_500, `healthz took ${health.ms} ms`);
      assert.equal((await t.app.inject({ url: '/livez' })).statusCode, 200);

      proxy.restore();
      await recovers(5_000);
      const back = await t.app.inject({
        url: '/registrazione',
        headers: { host: `${tenant.slug}.localhost`, cookie: sessionCookie },
      });
      assert.equal(back.statusCode, 200);
      assert.equal((await healthz()).status, 200);
      assert.deepEqual(uncaught, []);
      assert.ok(poolErrors.length > 0, 'the connection errors are logged');
    });

    test('black hole: /healthz answers 503 within 2.5 s, pages 503 after the query timeout, then 200 again', async () => {
      assert.equal((await page()).statusCode, 200);
      proxy.blackhole();
      const [health, stuck] = await Promise.all([healthz(), page()]);
      assert.equal(health.status, 503);
      assert.ok(health.ms < 2_500, `healthz took ${health.ms} ms`);
      assert.equal(stuck.statusCode, 503, stuck.body.slice(0, 300));
      assert.ok(Number(stuck.headers['retry-after']) > 0);
      assert.equal((await t.app.inject({ url: '/livez' })).statusCode, 200);

      proxy.restore();
      await recovers(10_000);
      assert.equal((await healthz()).status, 200);
      assert.deepEqual(uncaught, []);
    });

    test('connections gone silent for good (failover): the pool drops them and recovers by itself', async () => {
      // Open several connections, then strand them all: each one's next query times out.
      await Promise.all(Array.from({ length: 4 }, () => page()));
      proxy.strand();
      const recoveredInMs = await recovers(15_000);
      assert.ok(recoveredInMs < 15_000);
      assert.equal((await healthz()).status, 200);
      assert.deepEqual(uncaught, []);
    });
  },
);

describe('a database that refuses connections (any engine: nothing listens on the port)', () => {
  let handle: TDatabaseHandle;
  let t: TTestApp;
  before(async () => {
    // Port 9 (discard) on the loopback: nothing listens there, the connection is refused at once.
    handle = openPostgres(
      'postgres://focolare@127.0.0.1:9/focolare',
      2,
      {
        connectMs: 1_000,
        statementMs: 5_000,
        idleInTransactionMs: 10_000,
        queryMs: 2_000,
      },
      () => {},
    );
    t = await buildTestApp(handle.db);
  });
  after(async () => {
    await t.app.close();
    await handle.close();
  });

  test('pages answer 503 with Retry-After, the API problem+json database-unavailable; healthz 503, livez 200', async () => {
    const res = await t.app.inject({ url: '/', headers: { host: 'demo.localhost' } });
    assert.equal(res.statusCode, 503);
    assert.equal(res.headers['retry-after'], '10');
    assert.match(res.body, /Servizio temporaneamente non disponibile/);
    const api = await t.app.inject({
      url: '/',
      headers: { host: 'demo.localhost', accept: 'application/json' },
    });
    assert.equal(api.statusCode, 503);
    assert.equal(api.json().code, 'database-unavailable');
    assert.equal(api.json().type, 'urn:focolare:problem:database-unavailable');
    const health = await t.app.inject({ url: '/healthz' });
    assert.equal(health.statusCode, 503);
    assert.deepEqual(health.json(), { status: 'error', database: 'non raggiungibile' });
    assert.equal((await t.app.inject({ url: '/livez' })).statusCode, 200);
  });
});

describe('isDatabaseUnavailable', () => {
  const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
  test('connection loss, refusal and timeouts are recognised, also wrapped', () => {
    for (const err of [
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('the database system is starting up', '57P03'),
      withCode('connection failure', '08006'),
      withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      withCode('read ECONNRESET', 'ECONNRESET'),
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated due to connection timeout'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Query read timeout'),
      new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], 'all failed'),
      new Error('wrapped', { cause: withCode('x', '57P02') }),
    ]) {
      assert.ok(isDatabaseUnavailable(err), err.message);
    }
  });
  test('errors of the query itself are not', () => {
    for (const err of [
      withCode('duplicate key value violates unique constraint', '23505'),
      withCode('syntax error', '42601'),
      withCode('canceling statement due to statement timeout', '57014'),
      new Error('boom'),
      'Connection terminated',
      undefined,
    ]) {
      assert.ok(!isDatabaseUnavailable(err), String(err));
    }
  });
});
