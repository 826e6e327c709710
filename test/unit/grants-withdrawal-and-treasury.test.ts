import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withdrawalRefusal } from '../../src/modules/grants/application/withdraw-application.js';
import { callFormValues, readCallForm } from '../../src/modules/grants/calls/call-form.js';
import { puglia2024CallInput } from '../../src/modules/grants/calls/seed-puglia-2024.js';

describe('withdrawal and the treasury account', () => {
  test('an application already in a payment order cannot be withdrawn: the office revokes it instead', () => {
    const submitted = { status: 'admitted' as const, arrivalSeq: 5, paidAt: null };
    assert.equal(withdrawalRefusal(submitted), undefined);
    assert.match(withdrawalRefusal(submitted, true)!, /ordine di pagamento/);
    assert.match(withdrawalRefusal({ ...submitted, paidAt: new Date() })!, /già stato pagato/);
  });

  test('the treasury account of a call is optional, but when given it must be a valid IBAN and BIC', () => {
    const base = callFormValues(puglia2024CallInput());
    const none = readCallForm(base);
    assert.ok(none.ok && none.input.rules.treasury === undefined);
    const bad = readCallForm({
      ...base,
      treasury_name: 'Regione Puglia',
      treasury_iban: 'IT00',
      treasury_bic: 'X',
    });
    assert.equal(bad.ok, false);
    if (!bad.ok) {
      assert.match(bad.errors.treasury_iban!, /IBAN del conto di tesoreria/);
      assert.match(bad.errors.treasury_bic!, /BIC/);
    }
    const good = readCallForm({
      ...base,
      treasury_name: 'Regione Puglia',
      treasury_iban: 'it60 x054 2811 1010 0000 0123 456',
      treasury_bic: 'bitaitrrxxx',
    });
    assert.ok(good.ok);
    if (good.ok)
      assert.deepEqual(good.input.rules.treasury, {
        name: 'Regione Puglia',
        iban: 'IT60X0542811101000000123456',
        bic: 'BITAITRRXXX',
      });
  });
});
