import { createHash } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TDb } from '../../src/db/database.js';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { decode } from './html.js';

/**
 * Drives the app like a browser without JavaScript: keeps cookies per host, sends the CSRF token of the
 * last page, follows nothing by itself. `solveCheckCode` answers the check code like the page script.
 */
export class TestClient {
  private cookies = new Map<string, string>();
  lastHtml = '';

  constructor(
    private readonly app: FastifyInstance,
    public host: string,
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: LightMyRequestResponse) {
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    if (String(res.headers['content-type'] ?? '').startsWith('text/html')) this.lastHtml = res.body;
  }

  /** The raw session cookie, to replay it on another host. */
  get sessionCookie(): string | undefined {
    return this.cookies.get('focolare_sid');
  }
  setCookie(name: string, value: string) {
    this.cookies.set(name, value);
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method: 'GET',
      url,
      headers: { host: this.host, cookie: this.cookieHeader() },
    });
    this.keep(res);
    return res;
  }

  csrf(): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(this.lastHtml);
    return m ? m[1]! : '';
  }

  /** Posts a form with the CSRF token of the last page shown (as the browser would). */
  async post(url: string, form: Record<string, string>): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams({ _csrf: this.csrf(), ...form }).toString();
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: {
        host: this.host,
        cookie: this.cookieHeader(),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: body,
    });
    this.keep(res);
    return res;
  }

  /** Posts a multipart form (fields and files) with the CSRF token of the last page shown. */
  async postMultipart(
    url: string,
    fields: Record<string, string>,
    files: Record<string, { filename: string; content: Buffer; contentType?: string }> = {},
  ): Promise<LightMyRequestResponse> {
    const fd = new FormData();
    fd.append('_csrf', this.csrf());
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    for (const [k, f] of Object.entries(files))
      fd.append(
        k,
        new Blob([new Uint8Array(f.content)], { type: f.contentType ?? 'application/octet-stream' }),
        f.filename,
      );
    const encoded = new Request('http://localhost/', { method: 'POST', body: fd });
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: {
        host: this.host,
        cookie: this.cookieHeader(),
        'content-type': encoded.headers.get('content-type')!,
      },
      payload: Buffer.from(await encoded.arrayBuffer()),
    });
    this.keep(res);
    return res;
  }

  /** Solves the check code of the last page (proof of work), returning the fields to post. */
  async solveCheckCode(): Promise<Record<string, string>> {
    const m = /data-altcha-challenge="([^"]+)"/.exec(this.lastHtml);
    if (!m) throw new Error('No check code on the last page');
    const challenge = JSON.parse(decode(m[1]!)) as {
      algorithm: string;
      challenge: string;
      salt: string;
      signature: string;
      maxnumber: number;
    };
    const number = solveProofOfWork(
      challenge.challenge,
      challenge.salt,
      challenge.algorithm,
      challenge.maxnumber,
    );
    if (number === undefined) throw new Error('Check code not solved');
    const payload = Buffer.from(
      JSON.stringify({
        algorithm: challenge.algorithm,
        challenge: challenge.challenge,
        number,
        salt: challenge.salt,
        signature: challenge.signature,
      }),
    ).toString('base64');
    return { altcha: payload };
  }
}

/**
 * The number n ≤ max with hash(salt + n) = challenge: ALTCHA's brute force, with node:crypto's synchronous
 * hash (altcha-lib's solveChallenge awaits one Web Crypto digest per number, tens of times slower).
 */
function solveProofOfWork(
  challenge: string,
  salt: string,
  algorithm: string,
  max: number,
): number | undefined {
  const name = algorithm.toLowerCase().replace('-', ''); // 'SHA-256' → 'sha256'
  for (let n = 0; n <= max; n++) {
    if (
      createHash(name)
        .update(salt + n)
        .digest('hex') === challenge
    )
      return n;
  }
  return undefined;
}

/** The newest e-mail in the outbox for an address, with the 6-digit code or link in it. */
export async function lastMailTo(db: TDb, to: string) {
  const row = await db
    .selectFrom('mail_outbox')
    .selectAll()
    .where('to_address', '=', to)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    ...row,
    code: /\b(\d{6})\b/.exec(row.text_body)?.[1],
    link: /(https?:\/\/\S+)/.exec(row.text_body)?.[1],
  };
}

/** The e-mails of a tenant's outbox to an address, newest first: end with .execute() or .executeTakeFirst…(). */
export function outboxTo(db: TDb, tenant: TTenant, to: string) {
  return db
    .selectFrom('mail_outbox')
    .selectAll()
    .where('tenant_id', '=', tenant.id)
    .where('to_address', '=', to)
    .orderBy('id', 'desc');
}

/** A 6-digit code other than `code`, to try a wrong one. */
export function otherCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

/** Path and query of a link in an e-mail, to open it with the test client. */
export function pathOf(link: string): string {
  const u = new URL(link);
  return u.pathname + u.search;
}
