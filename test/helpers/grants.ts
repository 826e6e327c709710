import { PDFDocument } from 'pdf-lib';
import type { TDb } from '../../src/db/database.js';
import { storeFile } from '../../src/files/stored-files.js';
import { createStaffAccount } from '../../src/modules/accounts/create-staff-account.js';
import { type TApplicationDraft } from '../../src/modules/grants/application/allegato-a/allegato-a.js';
import { stepFields, WIZARD_STEPS } from '../../src/modules/grants/application/allegato-a/steps.js';
import { ATTACHMENT_KINDS } from '../../src/modules/grants/calls/call.js';
import type { TCallInput } from '../../src/modules/grants/calls/call.js';
import { seedPuglia2024Call } from '../../src/modules/grants/calls/seed-puglia-2024.js';
import type { TenantId, TTenant } from '../../src/tenancy/tenant.js';
import { exampleApplicationValues } from '../fixtures/grants/example-application.js';
import { TestClient } from './http-client.js';
import type { TTestApp } from './test-app.js';

export const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** The Puglia call, open around `now` (from an hour before to 30 days after), with optional overrides. */
export async function openPugliaCall(
  db: TDb,
  tenantId: TenantId,
  now: Date,
  over: Partial<TCallInput> = {},
): Promise<string> {
  return seedPuglia2024Call(db, tenantId, {
    code: `bando-${Math.random().toString(36).slice(2, 8)}`,
    opensAt: new Date(now.getTime() - 3_600_000),
    closesAt: new Date(now.getTime() + 30 * 86_400_000),
    ...over,
  });
}

/** A citizen account straight in the database (no password login needed). */
export async function insertCitizen(db: TDb, tenantId: TenantId, n: number): Promise<string> {
  const tag = `${n}-${Math.random().toString(36).slice(2, 9)}`;
  const row = await db
    .insertInto('users')
    .values({
      tenant_id: tenantId,
      username: `cittadino${tag}`,
      email: `cittadino${tag}@example.org`,
      full_name: `Cittadino ${n}`,
      password_hash: 'x',
      role: 'citizen',
      status: 'active',
      must_change_password: false,
      email_verified_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A complete draft with one file for each attachment of Allegato A (two invoices). */
export async function insertCompleteDraft(
  db: TDb,
  tenantId: TenantId,
  callId: string,
  userId: string,
  values: TApplicationDraft = exampleApplicationValues(0),
): Promise<string> {
  const app = await db
    .insertInto('grant_applications')
    .values({ tenant_id: tenantId, call_id: callId, user_id: userId, data: JSON.stringify(values), step: 6 })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const kind of [...ATTACHMENT_KINDS, 'invoices']) {
    const fileId = await storeFile(db, tenantId, {
      filename: `${kind}.pdf`,
      contentType: 'application/pdf',
      content: TINY_PDF,
    });
    await db
      .insertInto('grant_application_files')
      .values({ tenant_id: tenantId, application_id: app.id, kind, file_id: fileId })
      .execute();
  }
  return app.id;
}

// --- Citizen side (HTTP) -------------------------------------------------------------------------------------------

/** The posted form of one wizard step (1–4) from a complete set of values: unticked boxes are left out. */
export function stepForm(values: TApplicationDraft, n: 1 | 2 | 3 | 4): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of stepFields(WIZARD_STEPS[n - 1]!)) if ((values[f] ?? '') !== '') out[f] = values[f]!;
  return out;
}

/** A small real PDF (one page with the text), as a citizen would attach. */
export async function realPdf(text = 'Documento di prova'): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText(text, { x: 50, y: 700, size: 12 });
  return Buffer.from(await doc.save());
}

/** A citizen account (no first-access change) logged in with a TestClient on the tenant's host. */
export async function loggedInCitizen(
  t: TTestApp,
  tenant: TTenant,
  name: string,
): Promise<{ c: TestClient; userId: string; username: string; email: string; password: string }> {
  const username = `${name}${Math.random().toString(36).slice(2, 7)}`;
  const email = `${username}@example.org`;
  const password = 'Cittadino-123';
  const { userId } = await createStaffAccount(
    t.deps,
    tenant,
    {
      username,
      email,
      fullName: `Cittadino ${name}`,
      initialPassword: password,
      role: 'citizen',
      mustChangePassword: false,
    },
    { id: null, label: 'test', ip: null },
  );
  const c = new TestClient(t.app, `${tenant.slug}.localhost`);
  await c.get('/accesso');
  const res = await c.post('/accesso', { login: username, password });
  if (res.statusCode !== 303 && res.statusCode !== 302) throw new Error(`login failed: ${res.statusCode}`);
  return { c, userId, username, email, password };
}
