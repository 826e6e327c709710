// Load generator of bench/login.ts, run in a worker thread so that its own work (HTTP parsing, HTML
// scanning) does not run on the server's event loop. Plain JavaScript: worker threads do not get tsx's
// loader on Node 20. Talks to 127.0.0.1 only; the tenant is chosen by the Host header.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

/** @type {{ mode: 'post' | 'full', port: number, host: string, usernames: string[], password: string,
 *   firstIndex: number, logins: number, concurrency: number, timeBudgetMs: number, healthIntervalMs: number,
 *   healthBaseline: number }} */
const cfg = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: cfg.concurrency + 4 });

function request(method, path, headers = {}, body) {
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
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

function sessionCookie(headers) {
  const set = headers['set-cookie'] ?? [];
  for (const c of set) {
    const m = /^focolare_sid=([^;]*)/.exec(c);
    if (m) return `focolare_sid=${m[1]}`;
  }
  return '';
}

function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

function summary(values) {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), max: s.at(-1) ?? Number.NaN };
}

/** The login form as a browser without JavaScript gets it: a new session cookie and its CSRF token. */
async function fetchForm() {
  const form = await request('GET', '/accesso');
  if (form.status !== 200) throw new Error(`GET /accesso ${form.status}`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1];
  const cookie = sessionCookie(form.headers);
  if (!csrf || !cookie) throw new Error('GET /accesso: no session cookie or CSRF token');
  return { cookie, csrf };
}

/** POST /accesso with a form got before; a success is a 303 to the reserved area. */
async function postLogin(i, form) {
  const username = cfg.usernames[(cfg.firstIndex + i) % cfg.usernames.length];
  const body = new URLSearchParams({ _csrf: form.csrf, login: username, password: cfg.password }).toString();
  const t = performance.now();
  const res = await request(
    'POST',
    '/accesso',
    { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  );
  return { status: res.status, location: String(res.headers.location ?? ''), postMs: performance.now() - t };
}

async function healthProbe() {
  const t = performance.now();
  const res = await request('GET', '/healthz');
  return { ok: res.status === 200, ms: performance.now() - t };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs `task(i)` for i = 0 … count-1 with `concurrency` in flight, until done or past the deadline. */
async function pool(count, concurrency, deadline, task) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count && performance.now() < deadline) await task(next++);
    }),
  );
  return next;
}

/**
 * One storm of logins with /healthz probed every `healthIntervalMs` meanwhile.
 * `full`: each login is GET /accesso + POST /accesso; otherwise the forms are fetched first (not timed)
 * and the storm is made of POST /accesso only.
 */
async function storm(full) {
  const deadline = performance.now() + cfg.timeBudgetMs;
  let forms = [];
  if (!full) {
    forms = new Array(cfg.logins);
    await pool(cfg.logins, cfg.concurrency, deadline, async (i) => {
      forms[i] = await fetchForm();
    });
  }

  let successes = 0;
  let failures = 0;
  const statuses = {};
  const postMs = [];
  const count = (key) => {
    statuses[key] = (statuses[key] ?? 0) + 1;
  };

  let running = true;
  const during = [];
  let healthFailures = 0;
  const prober = (async () => {
    while (running) {
      try {
        const r = await healthProbe();
        if (r.ok) during.push(r.ms);
        else healthFailures++;
      } catch {
        healthFailures++;
      }
      await sleep(cfg.healthIntervalMs);
    }
  })();

  const start = performance.now();
  const attempted = await pool(cfg.logins, cfg.concurrency, deadline, async (i) => {
    try {
      const form = full ? await fetchForm() : forms[i];
      if (!form) throw new Error('form not fetched');
      const r = await postLogin(i, form);
      count(String(r.status));
      if (r.status === 303 && r.location === '/area-riservata') {
        successes++;
        postMs.push(r.postMs);
      } else failures++;
    } catch (err) {
      failures++;
      count(String(err?.message ?? err));
    }
  });
  const elapsedMs = performance.now() - start;
  running = false;
  await prober;
  return {
    attempted,
    successes,
    failures,
    statuses,
    elapsedMs,
    timedOut: attempted < cfg.logins,
    post: summary(postMs),
    health: summary(during),
    healthFailures,
  };
}

async function main() {
  // Health latency with the server at rest, for comparison.
  const idle = [];
  for (let i = 0; i < cfg.healthBaseline; i++) {
    idle.push((await healthProbe()).ms);
    await sleep(5);
  }
  const result = await storm(cfg.mode === 'full');
  agent.destroy();
  parentPort?.postMessage({ ...result, healthIdle: summary(idle) });
}

main().catch((err) => {
  parentPort?.postMessage({ error: String(err?.stack ?? err) });
});
