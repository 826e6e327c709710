import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseItalianDateTime } from '../../src/italian/dates.js';
import { parseEuroCents } from '../../src/italian/money.js';
import { APPLICATION_FIELDS } from '../../src/modules/grants/application/allegato-a/allegato-a.js';
import {
  completeAnswers,
  draftAnswers,
  propertyKey,
  readDraft,
} from '../../src/modules/grants/application/allegato-a/answers.js';
import { checkApplicationComplete } from '../../src/modules/grants/application/allegato-a/completeness.js';
import { readStep, stepFields, WIZARD_STEPS } from '../../src/modules/grants/application/allegato-a/steps.js';
import { callFromRow } from '../../src/modules/grants/calls/call.js';
import { puglia2024CallInput } from '../../src/modules/grants/calls/seed-puglia-2024.js';
import type { TenantId } from '../../src/tenancy/tenant.js';
import { exampleApplicationValues } from '../fixtures/grants/example-application.js';

const input = puglia2024CallInput();
const call = callFromRow({
  id: '00000000-0000-0000-0000-000000000001',
  tenant_id: 't' as TenantId,
  code: input.code,
  protocol_prefix: input.protocolPrefix,
  title: input.title,
  summary: input.summary,
  how_to_apply: input.howToApply,
  published: true,
  budget_cents: input.budgetCents,
  opens_at: input.opensAt,
  closes_at: input.closesAt,
  partial_funding: false,
  rules: input.rules,
  created_at: new Date(),
  updated_at: new Date(),
});
const ALL_FILES = {
  environmental_certificate: 1,
  conformity_declaration: 1,
  plant_booklet: 1,
  gse_contract_sheet: 1,
  identity_document: 1,
  invoices: 2,
};
const step = (n: number) => WIZARD_STEPS[n - 1]!;

describe('Allegato A fields', () => {
  test('euro amounts as Italians type them', () => {
    assert.equal(parseEuroCents('3.500,00'), 350_000);
    assert.equal(parseEuroCents('3500'), 350_000);
    assert.equal(parseEuroCents('3500,5'), 350_050);
    assert.equal(parseEuroCents('1.234.567,89 €'), 123_456_789);
    assert.equal(parseEuroCents('3.50,00'), undefined);
    assert.equal(parseEuroCents('tremila'), undefined);
  });

  test('each bad field gets an Italian message naming it', () => {
    const r = readStep(
      step(3),
      exampleApplicationValues(0, { stamp_number: '1234567890123', gse_contract_date: '31/02/2024' }),
    );
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.match(r.errors.stamp_number!, /marca da bollo: sono 14 cifre/);
    assert.match(r.errors.gse_contract_date!, /Data del contratto GSE/);
    const r4 = readStep(step(4), exampleApplicationValues(0, { iban: 'IT60X0542811101000000123457' }));
    assert.equal(r4.ok, false);
    if (!r4.ok) assert.match(r4.errors.iban!, /IBAN: il codice IBAN non è valido/);
    const r1 = readStep(step(1), exampleApplicationValues(0, { tax_code: 'RSSMRA80C15A662Z' }));
    assert.equal(r1.ok, false);
    if (!r1.ok) assert.match(r1.errors.tax_code!, /Codice Fiscale/);
  });

  test('a tenant needs the owner and the authorisation; the admissible spend cannot exceed the total cost', () => {
    const r = readStep(
      step(3),
      exampleApplicationValues(0, { property_title: 'affittuario', owner_name: '', total_cost: '1.000,00' }),
    );
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.ok(r.errors.owner_name);
    assert.ok(r.errors.owner_authorisation);
    assert.match(r.errors.gse_admissible!, /non può superare il costo totale/);
  });

  test('valid values are normalised: codice fiscale upper case, IBAN without spaces', () => {
    const r1 = readStep(
      step(1),
      exampleApplicationValues(0, { tax_code: exampleApplicationValues(0).tax_code!.toLowerCase() }),
    );
    assert.ok(r1.ok && r1.values.tax_code === exampleApplicationValues(0).tax_code);
    const r4 = readStep(step(4), exampleApplicationValues(0, { iban: 'it60 x054 2811 1010 0000 0123 456' }));
    assert.ok(r4.ok && r4.values.iban === 'IT60X0542811101000000123456');
  });

  test('complete application: contribution = min(cap, admissible − GSE)', () => {
    const r = checkApplicationComplete(call, exampleApplicationValues(0), ALL_FILES);
    assert.deepEqual(r, { ok: true, requestedCents: 250_000 });
    const capped = checkApplicationComplete(
      call,
      exampleApplicationValues(0, { gse_admissible: '4.500,00', gse_contribution: '500,00' }),
      ALL_FILES,
    );
    assert.deepEqual(capped, { ok: true, requestedCents: 300_000 }); // stufa a pellet: cap 3.000,00 €
  });

  test('a GSE contribution that already covers the admissible spend leaves nothing to ask', () => {
    const r = checkApplicationComplete(
      call,
      exampleApplicationValues(0, { gse_contribution: '4.000,00' }),
      ALL_FILES,
    );
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.errors.gse_contribution!, /pari a 0 €/);
  });

  test('missing attachments and failed eligibility rules are listed with their step', () => {
    const r = checkApplicationComplete(call, exampleApplicationValues(0), { ...ALL_FILES, invoices: 0 });
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.match(r.errors.file_invoices!, /Allegato mancante: Copia delle fatture/);
      assert.equal(r.stepOfError.file_invoices, 5);
    }
    const ineligible = checkApplicationComplete(
      call,
      exampleApplicationValues(0, { prop_municipality: 'Foggia', old_type: 'nessuno' }),
      ALL_FILES,
    );
    assert.equal(ineligible.ok, false);
    if (!ineligible.ok) {
      assert.match(ineligible.errors['rule_municipality']!, /Foggia/);
      assert.match(ineligible.errors['rule_new-installation']!, /nuova installazione/);
    }
  });

  test('the same property is recognised whatever the spacing, case and leading zeros', () => {
    const a = propertyKey(exampleApplicationValues(0, { cad_sheet: '012', cad_parcel: '3a ', cad_sub: '' }));
    const b = propertyKey(exampleApplicationValues(1, { cad_sheet: '12', cad_parcel: '3A', cad_sub: '' }));
    assert.equal(a, b);
  });

  test('call dates are typed in Italian time, summer and winter', () => {
    assert.equal(parseItalianDateTime('09/12/2024 23:59')?.toISOString(), '2024-12-09T22:59:00.000Z');
    assert.equal(parseItalianDateTime('14/10/2024 09:00')?.toISOString(), '2024-10-14T07:00:00.000Z');
    assert.equal(parseItalianDateTime('14/10/2024 25:00'), undefined);
  });

  test('every field of Allegato A is asked in exactly one step', () => {
    const asked = WIZARD_STEPS.flatMap((s) => stepFields(s));
    assert.equal(new Set(asked).size, asked.length);
    assert.deepEqual([...asked].sort(), [...APPLICATION_FIELDS].sort());
  });

  test('the answers are typed values read once from the stored texts', () => {
    const a = completeAnswers(exampleApplicationValues(0));
    assert.ok(a);
    assert.equal(a.total_cost, 450_000);
    assert.equal(a.new_kw, 9.5);
    assert.equal(a.new_stars, 5);
    assert.equal(a.birth_date, '1980-03-15');
    assert.equal(a.decl_i, true);
    assert.equal(a.new_is_termocucina, false);
    assert.equal(a.new_type, 'stufa_pellet');
    assert.equal(completeAnswers(exampleApplicationValues(0, { total_cost: 'tanti' })), undefined);
    const partial = draftAnswers({ total_cost: 'tanti', gse_admissible: '4.000,00' });
    assert.equal(partial.total_cost, undefined);
    assert.equal(partial.gse_admissible, 400_000);
  });

  test('a stored draft keeps only the texts of the fields of Allegato A', () => {
    assert.deepEqual(readDraft('{"email":"a@b.it","foo":"x","new_kw":3}'), { email: 'a@b.it' });
    assert.deepEqual(readDraft({ last_name: 'Rossi' }), { last_name: 'Rossi' });
    assert.deepEqual(readDraft(null), {});
  });
});
