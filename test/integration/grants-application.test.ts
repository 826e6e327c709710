import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { getApplication } from '../../src/modules/grants/application/queries.js';
import { sendApplicationReceipts } from '../../src/modules/grants/application/send-application-receipts.js';
import { budgetStatus, getCall } from '../../src/modules/grants/calls/queries.js';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { exampleApplicationValues } from '../fixtures/grants/example-application.js';
import {
  insertCompleteDraft,
  loggedInCitizen,
  openPugliaCall,
  realPdf,
  stepForm,
} from '../helpers/grants.js';
import { decode, fieldError, inputValue } from '../helpers/html.js';
import { outboxTo, TestClient } from '../helpers/http-client.js';
import { closeTestApp, createTestTenant, openTestApp, type TTestApp } from '../helpers/test-app.js';
import type { TTestDatabase } from '../helpers/test-db.js';

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

describe(`grant application, citizen side (${engine})`, () => {
  let tdb: TTestDatabase;
  let t: TTestApp;
  before(async () => {
    ({ tdb, t } = await openTestApp({ RATE_LIMIT_PER_MINUTE: '1000' }));
  });
  after(() => closeTestApp(t, tdb));

  const now = () => t.clock.now();
  const code = () => `bando-${Math.random().toString(36).slice(2, 8)}`;
  const appRow = (id: string) =>
    tdb.db.selectFrom('grant_applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const dataOf = async (id: string) => {
    const r = await appRow(id);
    return (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as Record<string, string>;
  };
  const idFrom = (location: unknown) => /\/domande\/([0-9a-f-]{36})/.exec(String(location))![1]!;

  /** A complete application of the citizen (all answers and files), ready to be sent. */
  async function completeApplication(tenant: TTenant, callId: string, userId: string, n: number) {
    return insertCompleteDraft(tdb.db, tenant.id, callId, userId, exampleApplicationValues(n));
  }

  test('wizard: Presenta domanda needs login; save and continue step by step; errors keep what was typed and save nothing; Salva bozza; resume later', async () => {
    const tenant = await createTestTenant(tdb.db);
    const callCode = code();
    await openPugliaCall(tdb.db, tenant.id, now(), { code: callCode });

    const anon = new TestClient(t.app, `${tenant.slug}.localhost`);
    const denied = await anon.get(`/bandi/${callCode}/domanda`);
    assert.equal(denied.statusCode, 302);
    assert.equal(
      denied.headers.location,
      `/accesso?next=${encodeURIComponent(`/bandi/${callCode}/domanda`)}`,
    );

    const citizen = await loggedInCitizen(t, tenant, 'wizard');
    const { c } = citizen;
    let res = await c.get(`/bandi/${callCode}/domanda`);
    assert.equal(res.statusCode, 303);
    const id = idFrom(res.headers.location);
    assert.equal(res.headers.location, `/domande/${id}/passo/1`);
    // The same draft every time: one per account and call.
    res = await c.get(`/bandi/${callCode}/domanda`);
    assert.equal(idFrom(res.headers.location), id);

    res = await c.get(`/domande/${id}/passo/1`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.match(res.body, /aria-current="step"[^>]*>1\. Richiedente e recapiti/);
    assert.equal(inputValue(res.body, 'email'), citizen.email, 'the account e-mail is proposed');
    assert.match(decode(res.body), /Nel caso di abitazioni unifamiliari inserire 1/);

    const v = exampleApplicationValues(1);
    // A wrong codice fiscale: the Italian message names the field, the typed values stay, nothing is saved.
    res = await c.post(`/domande/${id}/passo/1`, {
      ...stepForm(v, 1),
      tax_code: 'RSSMRA80A01H501X',
      azione: 'continua',
    });
    assert.equal(res.statusCode, 422);
    assert.match(fieldError(res.body, 'tax_code') ?? '', /^Codice Fiscale: /);
    assert.match(decode(res.body), /Il modulo contiene un errore/);
    assert.equal(inputValue(res.body, 'last_name'), 'Rossi');
    assert.equal(inputValue(res.body, 'tax_code'), 'RSSMRA80A01H501X');
    assert.equal((await dataOf(id)).last_name, undefined, 'nothing saved');

    res = await c.post(`/domande/${id}/passo/1`, {
      ...stepForm(v, 1),
      tax_code: v.tax_code!.toLowerCase(),
      azione: 'continua',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/domande/${id}/passo/2`);
    assert.equal((await dataOf(id)).tax_code, v.tax_code, 'stored normalised (upper case)');

    res = await c.get(`/domande/${id}/passo/2`);
    assert.match(decode(res.body), /Nessuno: nuova installazione/);
    assert.match(decode(res.body), /dicitura ND, oppure 0 \(zero\)/);
    res = await c.post(`/domande/${id}/passo/2`, { ...stepForm(v, 2), azione: 'continua' });
    assert.equal(res.headers.location, `/domande/${id}/passo/3`);

    // A 13-digit marca da bollo.
    res = await c.get(`/domande/${id}/passo/3`);
    assert.match(res.body, /<option value="Bari"/);
    res = await c.post(`/domande/${id}/passo/3`, {
      ...stepForm(v, 3),
      stamp_number: '1234567890123',
      azione: 'continua',
    });
    assert.equal(res.statusCode, 422);
    assert.equal(
      fieldError(res.body, 'stamp_number'),
      'Numero identificativo della marca da bollo: sono 14 cifre, come stampato sulla marca.',
    );
    assert.equal(inputValue(res.body, 'stamp_number'), '1234567890123');
    assert.equal(inputValue(res.body, 'gse_practice'), v.gse_practice);
    assert.equal((await dataOf(id)).stamp_number, undefined, 'nothing saved');

    // "Salva bozza" keeps what was typed, wrong or not, and says so.
    res = await c.post(`/domande/${id}/passo/3`, {
      ...stepForm(v, 3),
      stamp_number: '1234567890123',
      azione: 'bozza',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/domande/${id}/passo/3`);
    res = await c.get(`/domande/${id}/passo/3`);
    assert.match(res.body, /Bozza salvata: puoi riprendere quando vuoi/);
    assert.equal((await dataOf(id)).stamp_number, '1234567890123');

    // Later, from another browser: "Presenta domanda" resumes at the first incomplete step, values kept.
    const again = new TestClient(t.app, `${tenant.slug}.localhost`);
    await again.get('/accesso');
    await again.post('/accesso', { login: citizen.username, password: citizen.password });
    res = await again.get(`/bandi/${callCode}/domanda`);
    assert.equal(res.headers.location, `/domande/${id}/passo/3`);
    res = await again.get(`/domande/${id}/passo/3`);
    assert.equal(inputValue(res.body, 'stamp_number'), '1234567890123');
    assert.equal(inputValue(res.body, 'cad_sheet'), v.cad_sheet);

    res = await again.post(`/domande/${id}/passo/3`, { ...stepForm(v, 3), azione: 'continua' });
    assert.equal(res.headers.location, `/domande/${id}/passo/4`);
    // A wrong IBAN.
    res = await again.get(`/domande/${id}/passo/4`);
    assert.match(decode(res.body), /Contributo richiesto \(calcolato con i dati del passo 3\): 2\.500,00 €/);
    res = await again.post(`/domande/${id}/passo/4`, {
      ...stepForm(v, 4),
      iban: 'IT60X0542811101000000123457',
      azione: 'continua',
    });
    assert.equal(res.statusCode, 422);
    assert.match(fieldError(res.body, 'iban') ?? '', /^IBAN: il codice IBAN non è valido/);
    assert.equal(inputValue(res.body, 'iban'), 'IT60X0542811101000000123457');
    res = await again.post(`/domande/${id}/passo/4`, {
      ...stepForm(v, 4),
      iban: 'it60 x054 2811 1010 0000 0123 456',
      azione: 'continua',
    });
    assert.equal(res.headers.location, `/domande/${id}/allegati`);
    assert.equal((await dataOf(id)).iban, 'IT60X0542811101000000123456');
    assert.equal((await appRow(id)).step, 5);
    // Steps 1–4 done: resuming opens the attachments.
    res = await again.get(`/bandi/${callCode}/domanda`);
    assert.equal(res.headers.location, `/domande/${id}/allegati`);

    // Another citizen cannot open this draft.
    const other = await loggedInCitizen(t, tenant, 'altro');
    assert.equal((await other.c.get(`/domande/${id}/passo/1`)).statusCode, 404);
    assert.equal((await other.c.post(`/domande/${id}/passo/1`, { azione: 'bozza' })).statusCode, 404);
  });

  test('attachments are checked by content; the summary shows the computed amount; Invia before the opening is refused with the date', async () => {
    const tenant = await createTestTenant(tdb.db);
    const callCode = code();
    const opensAt = new Date(now().getTime() + 2 * 86_400_000);
    await openPugliaCall(tdb.db, tenant.id, now(), {
      code: callCode,
      opensAt,
      closesAt: new Date(now().getTime() + 30 * 86_400_000),
    });
    const { c } = await loggedInCitizen(t, tenant, 'allegati');
    const id = idFrom((await c.get(`/bandi/${callCode}/domanda`)).headers.location);
    await tdb.db
      .updateTable('grant_applications')
      .set({ data: JSON.stringify(exampleApplicationValues(2)) })
      .where('id', '=', id)
      .execute();
    assert.equal(
      (await c.get(`/bandi/${callCode}/domanda`)).headers.location,
      `/domande/${id}/allegati`,
      'answers complete, attachments missing',
    );

    const fileCount = async () =>
      (
        await tdb.db
          .selectFrom('grant_application_files')
          .select('id')
          .where('application_id', '=', id)
          .execute()
      ).length;
    let res = await c.get(`/domande/${id}/allegati`);
    assert.match(decode(res.body), /Copia delle fatture versate per la realizzazione dell'intervento/);

    // A text file named .pdf is refused, and nothing of the form is stored.
    const pdf = await realPdf('Certificazione ambientale');
    res = await c.postMultipart(
      `/domande/${id}/allegati`,
      {},
      {
        file_environmental_certificate: {
          filename: 'certificato.pdf',
          content: Buffer.from('questo non è un PDF'),
          contentType: 'application/pdf',
        },
        file_plant_booklet: { filename: 'libretto.pdf', content: pdf, contentType: 'application/pdf' },
      },
    );
    assert.equal(res.statusCode, 422);
    assert.equal(
      fieldError(res.body, 'file_environmental_certificate'),
      'Il file deve essere in formato PDF, JPEG o PNG (il contenuto non lo è).',
    );
    assert.equal(await fileCount(), 0);

    const kinds = [
      'environmental_certificate',
      'conformity_declaration',
      'plant_booklet',
      'gse_contract_sheet',
      'identity_document',
      'invoices',
    ];
    res = await c.postMultipart(
      `/domande/${id}/allegati`,
      {},
      Object.fromEntries(
        kinds.map((k) => [
          `file_${k}`,
          { filename: `${k}.pdf`, content: pdf, contentType: 'application/pdf' },
        ]),
      ),
    );
    assert.equal(res.statusCode, 303);
    assert.equal(await fileCount(), 6);
    // A second invoice adds to the first; a new identity document replaces the old one.
    await c.get(`/domande/${id}/allegati`);
    res = await c.postMultipart(
      `/domande/${id}/allegati`,
      {},
      {
        file_invoices: { filename: 'fattura-2.pdf', content: pdf, contentType: 'application/pdf' },
        file_identity_document: {
          filename: 'carta-identita.pdf',
          content: pdf,
          contentType: 'application/pdf',
        },
      },
    );
    assert.equal(res.statusCode, 303);
    assert.equal(await fileCount(), 7);
    res = await c.get(`/domande/${id}/allegati`);
    assert.match(res.body, /Allegati caricati: 2\./);
    assert.match(res.body, /fattura-2\.pdf/);
    assert.match(res.body, /carta-identita\.pdf/);
    assert.doesNotMatch(res.body, /identity_document\.pdf/);

    // The owner opens a file; another citizen gets 404; deleting works while a draft.
    const file = await tdb.db
      .selectFrom('grant_application_files')
      .select('id')
      .where('application_id', '=', id)
      .where('kind', '=', 'invoices')
      .executeTakeFirstOrThrow();
    res = await c.get(`/domande/${id}/allegati/${file.id}`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const other = await loggedInCitizen(t, tenant, 'curioso');
    assert.equal((await other.c.get(`/domande/${id}/allegati/${file.id}`)).statusCode, 404);
    await c.get(`/domande/${id}/allegati`);
    res = await c.post(`/domande/${id}/allegati/${file.id}/elimina`, {});
    assert.equal(res.statusCode, 303);
    assert.equal(await fileCount(), 6);

    // The summary: every section, the amount with its formula, the opening date.
    res = await c.get(`/domande/${id}/riepilogo`);
    const page = decode(res.body);
    assert.match(page, /Contributo regionale richiesto: 2\.500,00 €/);
    assert.match(
      page,
      /min\(massimale, spesa ammissibile − contributo GSE\) = min\(3\.000,00 €, 4\.000,00 € − 1\.500,00 €\)/,
    );
    assert.match(page, /La domanda è completa e rispetta i requisiti del bando/);
    assert.match(page, /Stufa a pellet/);
    assert.match(page, /Il bando apre il/);
    assert.match(page, /<button type="submit" class="btn btn-primary btn-lg">\s*Invia\s*<\/button>/);

    // Invia before the opening: refused with the opening date, no protocol.
    res = await c.post(`/domande/${id}/invia`, {});
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/domande/${id}/riepilogo`);
    res = await c.get(`/domande/${id}/riepilogo`);
    assert.match(
      decode(res.body),
      /Il bando apre il \d\d\/\d\d\/\d{4} \d\d:\d\d: puoi preparare e salvare la domanda/,
    );
    assert.equal((await appRow(id)).arrival_seq, null);

    // A missing attachment: the summary lists it with a link to the attachments step.
    await tdb.db
      .deleteFrom('grant_application_files')
      .where('application_id', '=', id)
      .where('kind', '=', 'gse_contract_sheet')
      .execute();
    res = await c.get(`/domande/${id}/riepilogo`);
    assert.match(
      decode(res.body),
      new RegExp(
        `href="/domande/${id}/allegati#f-file_gse_contract_sheet">Passo 5: Allegato mancante: "Scheda contratto"`,
      ),
    );
  });

  test('Invia: protocol and arrival time, funds reserved, same protocol on a second Invia, receipt for the owner only, receipt e-mail once, public check without personal data', async () => {
    const tenant = await createTestTenant(tdb.db);
    const callCode = code();
    const callId = await openPugliaCall(tdb.db, tenant.id, now(), { code: callCode });
    const citizen = await loggedInCitizen(t, tenant, 'invio');
    const { c } = citizen;
    const id = await completeApplication(tenant, callId, citizen.userId, 3);

    // A refused submit (incomplete) is shown on the summary with the field named, once.
    await tdb.db
      .updateTable('grant_applications')
      .set({ data: JSON.stringify(exampleApplicationValues(3, { iban: 'IT00X123' })) })
      .where('id', '=', id)
      .execute();
    await c.get(`/domande/${id}/riepilogo`);
    let res = await c.post(`/domande/${id}/invia`, {});
    assert.equal(res.headers.location, `/domande/${id}/riepilogo`);
    res = await c.get(`/domande/${id}/riepilogo`);
    assert.match(decode(res.body), /La domanda non è stata inviata: correggi quanto segue/);
    assert.match(res.body, new RegExp(`href="/domande/${id}/passo/4#f-iban"`));
    res = await c.get(`/domande/${id}/riepilogo`);
    assert.doesNotMatch(decode(res.body), /La domanda non è stata inviata/, 'the refusal is shown once');
    await tdb.db
      .updateTable('grant_applications')
      .set({ data: JSON.stringify(exampleApplicationValues(3)) })
      .where('id', '=', id)
      .execute();

    res = await c.post(`/domande/${id}/invia`, {});
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/domande/${id}?inviata=1`);
    await t.app.grantsAllocator.idle();
    res = await c.get(`/domande/${id}?inviata=1`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    const page = decode(res.body);
    const protocol = /Domanda inviata: protocollo (BIO24-\d{7})/.exec(page)?.[1];
    assert.ok(protocol, 'the page right after Invia gives the protocol');
    assert.match(page, new RegExp(`id="protocollo"[^>]*>\\s*${protocol}`));
    assert.match(
      page,
      /Data e ora di arrivo<\/dt>\s*<dd[^>]*>\s*\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d,\d{3} \(ora italiana\)/,
    );
    assert.match(page, /id="fondi"[^>]*>\s*Fondi prenotati\s*</);
    // The page refreshes status and funding from its JSON while JavaScript is on.
    assert.deepEqual((await c.get(`/domande/${id}/stato.json`)).json(), {
      status: 'Inviata, in istruttoria',
      funding: 'Fondi prenotati',
    });
    assert.match(page, /Inviata, in istruttoria/);
    assert.match(page, /Scarica la ricevuta \(PDF\)/);
    const row = await appRow(id);
    assert.match(page, new RegExp(row.verification_code!));
    const call = await getCall(tdb.db, tenant.id, callId);
    assert.equal((await budgetStatus(tdb.db, tenant.id, call)).availableCents, call.budgetCents - 250_000);

    // A second Invia (double click, retry): the same protocol, no second application.
    res = await c.post(`/domande/${id}/invia`, {});
    assert.equal(res.headers.location, `/domande/${id}?inviata=1`);
    res = await c.get(`/domande/${id}?inviata=1`);
    assert.match(decode(res.body), new RegExp(`Domanda inviata: protocollo ${protocol}`));
    const submitted = await tdb.db
      .selectFrom('grant_applications')
      .select('protocol')
      .where('user_id', '=', citizen.userId)
      .where('arrival_seq', 'is not', null)
      .execute();
    assert.deepEqual(submitted, [{ protocol }]);

    // Once sent, the answers are read-only: the steps lead to the application page.
    res = await c.get(`/domande/${id}/passo/1`);
    assert.equal(res.headers.location, `/domande/${id}`);
    res = await c.post(`/domande/${id}/passo/1`, { last_name: 'Cambiato', azione: 'bozza' });
    assert.equal(res.headers.location, `/domande/${id}`);
    assert.equal((await dataOf(id)).last_name, 'Rossi');
    assert.equal((await c.get(`/domande/${id}/allegati`)).headers.location, `/domande/${id}`);

    // The receipt: the owner downloads it; another citizen and another tenant get 404.
    res = await c.get(`/domande/${id}/ricevuta.pdf`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(String(res.headers['content-disposition']), new RegExp(`ricevuta_${protocol}\\.pdf`));
    const doc = await PDFDocument.load(res.rawPayload);
    assert.equal(doc.getTitle(), 'Ricevuta di presentazione della domanda di contributo');
    const other = await loggedInCitizen(t, tenant, 'estraneo');
    assert.equal((await other.c.get(`/domande/${id}/ricevuta.pdf`)).statusCode, 404);
    assert.equal((await other.c.get(`/domande/${id}`)).statusCode, 404);
    const otherTenant = await createTestTenant(tdb.db);
    const foreign = await loggedInCitizen(t, otherTenant, 'forestiero');
    assert.equal((await foreign.c.get(`/domande/${id}/ricevuta.pdf`)).statusCode, 404);

    // "Le mie domande".
    res = await c.get('/domande');
    assert.match(res.body, new RegExp(protocol!));
    assert.match(res.body, /Fondi prenotati/);

    // The receipts job: one e-mail with the PDF, and only once.
    const email = exampleApplicationValues(3).email!;
    const sent = await sendApplicationReceipts(tdb.db, t.deps.config, now());
    assert.ok(sent >= 1);
    let mails = await outboxTo(tdb.db, tenant, email).execute();
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.subject, new RegExp(`Ricevuta della domanda di contributo n\\. ${protocol}`));
    assert.match(mails[0]!.text_body, /Data e ora di arrivo: \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d,\d{3}/);
    assert.match(mails[0]!.text_body, /Fondi prenotati/);
    assert.equal(mails[0]!.attachments.length, 1);
    assert.equal(mails[0]!.attachments[0]!.contentType, 'application/pdf');
    await PDFDocument.load(Buffer.from(mails[0]!.attachments[0]!.contentBase64, 'base64'));
    assert.ok((await appRow(id)).receipt_sent_at);
    assert.equal(await sendApplicationReceipts(tdb.db, t.deps.config, now()), 0);
    mails = await outboxTo(tdb.db, tenant, email).execute();
    assert.equal(mails.length, 1, 'no second receipt');

    // The public check: protocol, call and arrival; no name, no codice fiscale; any spelling of the code.
    const anon = new TestClient(t.app, `${tenant.slug}.localhost`);
    res = await anon.get('/verifica-ricevuta');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Codice di verifica/);
    const codeLoose = row.verification_code!.replace(/-/g, '').toLowerCase();
    res = await anon.get(`/verifica-ricevuta?codice=${codeLoose}`);
    assert.equal(res.statusCode, 200);
    const verified = decode(res.body);
    assert.match(verified, /Ricevuta valida/);
    assert.match(verified, new RegExp(protocol!));
    assert.match(verified, /Inviata, in istruttoria/);
    assert.doesNotMatch(verified, /Rossi|Maria/);
    assert.doesNotMatch(verified, new RegExp(exampleApplicationValues(3).tax_code!));
    res = await anon.get('/verifica-ricevuta?codice=AAAA-BBBB-CCCC');
    assert.equal(res.statusCode, 404);
    assert.match(decode(res.body), /Nessuna domanda corrisponde a questo codice di verifica/);
    // The code of one tenant says nothing on another tenant's site.
    const anonOther = new TestClient(t.app, `${otherTenant.slug}.localhost`);
    assert.equal((await anonOther.get(`/verifica-ricevuta?codice=${codeLoose}`)).statusCode, 404);
  });

  test('withdrawing a funded application gives its money to the first waiting one; e-mail and audit', async () => {
    const tenant = await createTestTenant(tdb.db);
    // Room for one application of 2.500,00 €: the second waits.
    const callId = await openPugliaCall(tdb.db, tenant.id, now(), { code: code(), budgetCents: 300_000 });
    const first = await loggedInCitizen(t, tenant, 'primo');
    const second = await loggedInCitizen(t, tenant, 'secondo');
    const id1 = await completeApplication(tenant, callId, first.userId, 4);
    const id2 = await completeApplication(tenant, callId, second.userId, 5);
    await first.c.get(`/domande/${id1}/riepilogo`);
    assert.equal(
      (await first.c.post(`/domande/${id1}/invia`, {})).headers.location,
      `/domande/${id1}?inviata=1`,
    );
    await t.app.grantsAllocator.idle();
    await second.c.get(`/domande/${id2}/riepilogo`);
    assert.equal(
      (await second.c.post(`/domande/${id2}/invia`, {})).headers.location,
      `/domande/${id2}?inviata=1`,
    );
    await t.app.grantsAllocator.idle();
    assert.match(
      decode((await second.c.get(`/domande/${id2}`)).body),
      /id="fondi"[^>]*>\s*In lista d'attesa/,
    );

    let res = await first.c.get(`/domande/${id1}`);
    assert.match(res.body, /href="\/domande\/[^"]+\/ritira"[^>]*>\s*Ritira la domanda/);
    res = await first.c.get(`/domande/${id1}/ritira`);
    assert.match(res.body, /Conferma il ritiro/);
    res = await first.c.post(`/domande/${id1}/ritira`, {});
    assert.equal(res.statusCode, 303);
    res = await first.c.get(`/domande/${id1}`);
    const page = decode(res.body);
    assert.match(page, /La domanda è stata ritirata/);
    assert.match(page, /Ritirata dal richiedente/);
    assert.match(page, /id="fondi"[^>]*>\s*Fondi rilasciati/);
    assert.doesNotMatch(page, /Conferma il ritiro|>\s*Ritira la domanda\s*</);

    const a1 = await getApplication(tdb.db, tenant.id, id1);
    const a2 = await getApplication(tdb.db, tenant.id, id2);
    assert.deepEqual([a1.status, a1.funding, a1.reservedCents], ['withdrawn', 'released', 0]);
    assert.ok(a1.withdrawnAt);
    assert.deepEqual([a2.funding, a2.reservedCents], ['reserved', 250_000]);
    assert.match(decode((await second.c.get(`/domande/${id2}`)).body), /id="fondi"[^>]*>\s*Fondi prenotati/);
    const call = await getCall(tdb.db, tenant.id, callId);
    assert.equal((await budgetStatus(tdb.db, tenant.id, call)).availableCents, 50_000);

    const [mail] = await outboxTo(tdb.db, tenant, exampleApplicationValues(4).email!).execute();
    assert.match(mail!.subject, /ritirata/);
    const audit = await tdb.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('tenant_id', '=', tenant.id)
      .where('action', '=', 'grant.application_withdrawn')
      .execute();
    assert.deepEqual(audit, [{ action: 'grant.application_withdrawn', entity_id: id1 }]);

    // Withdrawing twice is refused with a message.
    res = await first.c.post(`/domande/${id1}/ritira`, {});
    res = await first.c.get(`/domande/${id1}`);
    assert.match(
      decode(res.body),
      /La domanda non può essere ritirata: il suo stato è «Ritirata dal richiedente»/,
    );

    // Having withdrawn, the citizen may apply again: a new draft, and a new place at the end of the queue.
    const callCode = (await getCall(tdb.db, tenant.id, callId)).code;
    res = await first.c.get(`/bandi/${callCode}/domanda`);
    assert.equal(res.statusCode, 303);
    const again = /\/domande\/([0-9a-f-]{36})\//.exec(String(res.headers.location))?.[1];
    assert.ok(again && again !== id1, 'a new draft, not the withdrawn application');
    assert.equal((await getApplication(tdb.db, tenant.id, again)).status, 'draft');
  });

  test('integration: the officer’s request is shown with its due date; the citizen sends documents and the review resumes', async () => {
    const tenant = await createTestTenant(tdb.db);
    const callId = await openPugliaCall(tdb.db, tenant.id, now(), { code: code() });
    const citizen = await loggedInCitizen(t, tenant, 'integra');
    const { c } = citizen;
    const id = await completeApplication(tenant, callId, citizen.userId, 6);
    await c.get(`/domande/${id}/riepilogo`);
    await c.post(`/domande/${id}/invia`, {});
    await t.app.grantsAllocator.idle();
    // No request yet: no form.
    let res = await c.get(`/domande/${id}`);
    assert.doesNotMatch(res.body, /Invia integrazione/);

    // The officer asks for an integration (simulated in the database).
    const due = new Date(now().getTime() + 10 * 86_400_000);
    await tdb.db
      .updateTable('grant_applications')
      .set({
        status: 'integration_requested',
        integration_message: 'Manca la pagina 2 della scheda contratto <GSE>.',
        integration_requested_at: now(),
        integration_due_at: due,
      })
      .where('id', '=', id)
      .execute();
    res = await c.get(`/domande/${id}`);
    const page = decode(res.body);
    assert.match(page, /Integrazione richiesta/);
    assert.match(res.body, /Manca la pagina 2 della scheda contratto &lt;GSE>\./, 'the message is escaped');
    assert.match(page, /Da inviare entro il \d\d\/\d\d\/\d{4} \d\d:\d\d/);
    assert.match(page, /Invia integrazione/);

    res = await c.postMultipart(`/domande/${id}/integrazione`, {});
    assert.equal(res.statusCode, 422);
    assert.equal(fieldError(res.body, 'file_integration'), 'Allega almeno un documento per l’integrazione.');
    res = await c.postMultipart(
      `/domande/${id}/integrazione`,
      {},
      {
        file_integration: {
          filename: 'scheda.pdf',
          content: Buffer.from('testo'),
          contentType: 'application/pdf',
        },
      },
    );
    assert.equal(res.statusCode, 422);
    assert.match(fieldError(res.body, 'file_integration') ?? '', /formato PDF, JPEG o PNG/);
    assert.equal((await appRow(id)).status, 'integration_requested');

    res = await c.postMultipart(
      `/domande/${id}/integrazione`,
      {},
      {
        file_integration: {
          filename: 'scheda-completa.pdf',
          content: await realPdf('Scheda contratto GSE'),
          contentType: 'application/pdf',
        },
      },
    );
    assert.equal(res.statusCode, 303);
    const row = await appRow(id);
    assert.equal(row.status, 'submitted');
    assert.ok(row.integration_answered_at);
    const files = await tdb.db
      .selectFrom('grant_application_files')
      .select(['kind', 'phase'])
      .where('application_id', '=', id)
      .where('phase', '=', 'integration')
      .execute();
    assert.deepEqual(files, [{ kind: 'integration', phase: 'integration' }]);
    res = await c.get(`/domande/${id}`);
    assert.match(decode(res.body), /Integrazione inviata/);
    assert.match(res.body, /scheda-completa\.pdf/);
    const [mail] = await outboxTo(tdb.db, tenant, exampleApplicationValues(6).email!)
      .where('subject', 'like', 'Integrazione ricevuta%')
      .execute();
    assert.ok(mail, 'confirmation e-mail');
    assert.match(mail.text_body, /scheda-completa\.pdf/);
    const audit = await tdb.db
      .selectFrom('audit_log')
      .select('action')
      .where('tenant_id', '=', tenant.id)
      .where('action', '=', 'grant.integration_answered')
      .execute();
    assert.equal(audit.length, 1);

    // No request open any more: a second answer is refused.
    await c.postMultipart(
      `/domande/${id}/integrazione`,
      {},
      {
        file_integration: {
          filename: 'altro.pdf',
          content: await realPdf('Altro'),
          contentType: 'application/pdf',
        },
      },
    );
    res = await c.get(`/domande/${id}`);
    assert.match(decode(res.body), /Per questa domanda non è richiesta alcuna integrazione/);
  });
});
