// Load generator of bench/click-day.ts, run in a worker thread so that its work (HTTP parsing, HTML scanning)
// does not run on the event loop of the orchestrator, and never on the server's (a separate process).
// Plain JavaScript: worker threads do not get tsx's loader on Node 20. Talks to 127.0.0.1 only; the
// tenant is chosen by the Host header.
//
// Commands (parentPort messages):
//   { cmd: 'prefetch', concurrency }      GET /profilo for every session: checks the session cookie logs in,
//                                         keeps the page's CSRF token (the page open before the opening).
//   { cmd: 'storm', from, to, concurrency, rate? }
//       POST /domande/:id/invia for sessions[from..to). Closed loop: `concurrency` clients, each sending the
//       next citizen's "Invia" as soon as its previous one is answered. With `rate` (per second): open loop,
//       citizen i clicks at start + i/rate whatever happens to the others (at most `concurrency` sockets).
//       A 503 waits Retry-After and sends again; no answer (connection refused or cut, server killed) waits
//       a second and sends again, as a user would; anything else is final.
//   Replies: { type: 'prefetched', ... } / { type: 'progress', acked } / { type: 'stormed', ... } / { error }.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

/** @type {{ port: number, host: string, clients: number, sessions: Array<{ id: string, cookie: string }>,
 *   timeoutMs: number, giveUpMs: number }} */
const cfg = workerData;
const csrf = new Array(cfg.sessions.length);
const agent = new http.Agent({ keepAlive: true, maxSockets: cfg.clients, maxFreeSockets: cfg.clients });
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function request(method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: cfg.port,
        method,
        path,
        agent,
        headers: {
          host: cfg.host,
          ...headers,
          ...(body ? { 'content-length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(cfg.timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

/** Runs `task(i)` for i in [from, to) with `concurrency` in flight. */
async function closedLoop(from, to, concurrency, task) {
  let next = from;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, to - from) }, async () => {
      while (next < to) await task(next++);
    }),
  );
}

async function prefetch(concurrency) {
  const statuses = {};
  let ok = 0;
  let failures = 0;
  let firstFailure = '';
  const start = now();
  await closedLoop(0, cfg.sessions.length, concurrency, async (i) => {
    for (let attempt = 0; ; attempt++) {
      try {
        const r = await request('GET', '/profilo', { cookie: cfg.sessions[i].cookie });
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        const token = r.status === 200 ? /name="_csrf" value="([^"]+)"/.exec(r.body)?.[1] : undefined;
        if (token) {
          csrf[i] = token;
          ok++;
        } else {
          failures++;
          firstFailure ||= `GET /profilo → ${r.status} ${r.headers.location ?? ''} (no _csrf: not logged in?)`;
        }
        return;
      } catch (err) {
        if (attempt >= 5) {
          failures++;
          firstFailure ||= String(err?.message ?? err);
          return;
        }
        await sleep(200);
      }
    }
  });
  return { type: 'prefetched', ok, failures, statuses, firstFailure, elapsedMs: now() - start };
}

/**
 * One citizen's "Invia", repeated as a user would until it is answered. Returns what the bench needs:
 * the acknowledged attempt's latency, the time from the first click to the receipt, and what happened.
 */
async function submit(i, stats) {
  const s = cfg.sessions[i];
  const body = `_csrf=${encodeURIComponent(csrf[i] ?? '')}`;
  const headers = { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' };
  const first = now();
  let unanswered = 0;
  for (let attempt = 1; ; attempt++) {
    const t = now();
    let r;
    try {
      r = await request('POST', `/domande/${s.id}/invia`, headers, body);
    } catch (err) {
      // No answer: not acknowledged. Try again shortly (the server may be restarting).
      stats.noAnswer++;
      if (unanswered++ === 0) stats.unansweredCitizens.push(i);
      const key = String(err?.code ?? err?.message ?? err);
      stats.errors[key] = (stats.errors[key] ?? 0) + 1;
      if (now() - first > cfg.giveUpMs) return { i, outcome: 'gave_up', attempts: attempt };
      await sleep(1000 + Math.random() * 500);
      continue;
    }
    const end = now();
    stats.statuses[r.status] = (stats.statuses[r.status] ?? 0) + 1;
    if (r.status === 503) {
      stats.busy++;
      if (now() - first > cfg.giveUpMs) return { i, outcome: 'gave_up', attempts: attempt };
      const after = Number(r.headers['retry-after']) || 1;
      await sleep(after * 1000 * (1 + Math.random() * 0.25));
      continue;
    }
    const location = String(r.headers.location ?? '');
    // The acknowledgement: 303 to the citizen's own application page (the receipt), nothing else.
    if (r.status === 303 && location === `/domande/${s.id}?inviata=1`) {
      stats.acked++;
      return { i, outcome: 'ack', attempts: attempt, latencyMs: end - t, e2eMs: end - first, ackAt: end };
    }
    if (r.status >= 500) {
      // An error page is not a receipt: the user presses "Invia" again.
      if (now() - first > cfg.giveUpMs) return { i, outcome: 'gave_up', attempts: attempt };
      await sleep(1000);
      continue;
    }
    return { i, outcome: `refused ${r.status} ${location}`, attempts: attempt };
  }
}

async function storm({ from, to, concurrency, rate }) {
  const stats = { acked: 0, busy: 0, noAnswer: 0, unansweredCitizens: [], statuses: {}, errors: {} };
  const results = [];
  const progress = setInterval(() => parentPort?.postMessage({ type: 'progress', acked: stats.acked }), 50);
  const start = now();
  if (rate) {
    // Open loop: arrivals do not wait for answers.
    const pending = [];
    for (let i = from; i < to; i++) {
      const due = start + ((i - from) * 1000) / rate;
      const wait = due - now();
      if (wait > 1) await sleep(wait);
      pending.push(submit(i, stats).then((r) => results.push(r)));
    }
    await Promise.all(pending);
  } else {
    await closedLoop(from, to, concurrency, async (i) => {
      results.push(await submit(i, stats));
    });
  }
  const elapsedMs = now() - start;
  clearInterval(progress);
  const acks = results.filter((r) => r.outcome === 'ack');
  const outcomes = {};
  for (const r of results) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
  return {
    type: 'stormed',
    start,
    elapsedMs,
    firstAckAt: acks.reduce((m, r) => Math.min(m, r.ackAt), Infinity),
    lastAckAt: acks.reduce((m, r) => Math.max(m, r.ackAt), 0),
    ackedIndexes: acks.map((r) => r.i),
    latencies: acks.map((r) => r.latencyMs),
    ackTimes: acks.map((r) => r.ackAt),
    e2e: acks.map((r) => r.e2eMs),
    retried: results.filter((r) => r.attempts > 1).length,
    outcomes,
    ...stats,
  };
}

/** Opens `clients` keep-alive connections (GET /healthz on each at once), as browsers with the page open. */
async function warm() {
  const start = now();
  const times = await Promise.all(
    Array.from({ length: cfg.clients }, async () => {
      const t = now();
      await request('GET', '/healthz', {});
      return now() - t;
    }),
  );
  times.sort((a, b) => a - b);
  const sockets = Object.values(agent.freeSockets).reduce((n, list) => n + list.length, 0);
  return { type: 'warmed', elapsedMs: now() - start, sockets, maxMs: times.at(-1) ?? 0 };
}

parentPort?.on('message', (m) => {
  const run = m.cmd === 'prefetch' ? prefetch(m.concurrency) : m.cmd === 'warm' ? warm() : storm(m);
  run.then(
    (r) => parentPort?.postMessage(r),
    (err) => parentPort?.postMessage({ type: 'error', error: String(err?.stack ?? err) }),
  );
});
parentPort?.postMessage({ type: 'ready' });
