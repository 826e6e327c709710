import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type TCall } from '../../src/modules/grants/calls/call-rules.js';
import {
  checkEligibility,
  computeContribution,
  type TEligibilityInput,
  type TEligibilityRule,
} from '../../src/modules/grants/calls/eligibility.js';
import { PUGLIA_2024_CALL as CALL } from '../../src/modules/grants/calls/seed-puglia-2024.js';

function valid(): TEligibilityInput {
  return {
    municipality: 'Mesagne',
    oldAppliance: {
      type: 'stufa_legna',
      make: 'Vecchia',
      model: 'S1',
      fuel: 'legna',
      standard: 'UNI EN 13240',
      kw: 9,
      stars: 2,
      yearInstalled: 2005,
    },
    newAppliance: {
      type: 'stufa_pellet',
      kw: 9.5,
      stars: 5,
      standard: 'UNI EN 14785',
      isTermocucina: false,
      heatExchangerConnected: false,
    },
    gseContractDate: '2024-03-15',
    isNewInstallation: false,
  };
}

function failuresOf(app: TEligibilityInput, call: TCall = CALL): TEligibilityRule[] {
  const r = checkEligibility(call, app);
  return r.ok ? [] : r.failures.map((f) => f.rule);
}

function messageOf(app: TEligibilityInput, rule: TEligibilityRule): string {
  const r = checkEligibility(CALL, app);
  assert.equal(r.ok, false);
  const f = r.ok ? undefined : r.failures.find((x) => x.rule === rule);
  assert.ok(f, `expected failure ${rule}`);
  return f.message;
}

describe('Puglia 2024 call data', () => {
  test('21 municipalities, caps, budget, closing, no partial funding', () => {
    assert.equal(CALL.municipalities.length, 21);
    assert.equal(new Set(CALL.municipalities).size, 21);
    const caps = Object.fromEntries(CALL.newApplianceTypes.map((t) => [t.id, t.capCents]));
    assert.deepEqual(caps, {
      caldaia_legna_cippato: 1_000_000,
      caldaia_pellet: 700_000,
      termocamini_termostufe_termocucine: 500_000,
      inserto_legna: 400_000,
      inserto_pellet: 400_000,
      stufa_legna: 300_000,
      stufa_pellet: 300_000,
    });
    assert.equal(CALL.budgetCents, 20_000_000);
    assert.equal(new Date(CALL.closesAt).toISOString(), '2024-12-09T22:59:59.999Z');
    assert.equal(CALL.partialFundingOfLastApplication, false);
    assert.ok(
      CALL.legalReferences.some((r) => r.kind === 'DD' && r.number === '95' && r.date === '2024-10-14'),
    );
    assert.ok(CALL.legalReferences.some((r) => r.kind === 'DGR' && r.number === '1357'));
  });
});

describe('checkEligibility', () => {
  test('a valid application passes', () => {
    assert.deepEqual(checkEligibility(CALL, valid()), { ok: true });
  });

  test('municipality: eligible (case and spaces ignored) and not eligible', () => {
    assert.deepEqual(failuresOf({ ...valid(), municipality: '  san pancrazio   salentino ' }), []);
    const app = { ...valid(), municipality: 'Brindisi' };
    assert.deepEqual(failuresOf(app), ['municipality']);
    assert.match(messageOf(app, 'municipality'), /Il Comune "Brindisi" non è tra i Comuni ammessi/);
  });

  test('old appliance: at most 3 stars', () => {
    const ok = valid();
    ok.oldAppliance.stars = 3;
    assert.deepEqual(failuresOf(ok), []);
    const app = valid();
    app.oldAppliance.stars = 4;
    assert.deepEqual(failuresOf(app), ['old-appliance-stars']);
    assert.match(messageOf(app, 'old-appliance-stars'), /non superiore a 3 stelle/);
  });

  test('old appliance: at most 35 kW', () => {
    const ok = valid();
    ok.oldAppliance.kw = 35;
    assert.deepEqual(failuresOf(ok), []);
    const app = valid();
    app.oldAppliance.kw = 35.1;
    assert.deepEqual(failuresOf(app), ['old-appliance-power']);
    assert.match(messageOf(app, 'old-appliance-power'), /non superiore a 35 kW/);
  });

  test('old appliance: "ND"/0 allowed for an open fireplace', () => {
    const app = valid();
    app.oldAppliance = {
      type: 'camino_aperto',
      make: 'ND',
      model: 'ND',
      fuel: 'ND',
      standard: '0',
      kw: 0,
      stars: 0,
      yearInstalled: 0,
    };
    app.newAppliance.type = 'inserto_legna';
    app.newAppliance.standard = 'UNI EN 13229';
    assert.deepEqual(failuresOf(app), []);
  });

  test('old appliance: "ND"/0 refused for any other type', () => {
    const app = valid();
    app.oldAppliance = { ...app.oldAppliance, make: 'ND', model: '', kw: 0, stars: 0, yearInstalled: 0 };
    assert.deepEqual(failuresOf(app), ['old-appliance-data']);
    const msg = messageOf(app, 'old-appliance-data');
    assert.match(msg, /marca, modello, potenza termica, numero di stelle, anno di installazione/);
    assert.match(msg, /solo per il camino aperto/);
  });

  test('new appliance: exactly 5 stars', () => {
    const app = valid();
    app.newAppliance.stars = 4;
    assert.deepEqual(failuresOf(app), ['new-appliance-stars']);
    assert.match(messageOf(app, 'new-appliance-stars'), /pari a 5 stelle/);
  });

  test('new appliance: more than 0 and at most 35 kW', () => {
    const ok = valid();
    ok.newAppliance.kw = 35;
    assert.deepEqual(failuresOf(ok), []);
    for (const kw of [35.01, 0, Number.NaN]) {
      const app = valid();
      app.newAppliance.kw = kw;
      assert.deepEqual(failuresOf(app), ['new-appliance-power']);
      assert.match(messageOf(app, 'new-appliance-power'), /non superiore a 35 kW/);
    }
  });

  test('replacement table: allowed pairs pass', () => {
    const pairs = [
      ['camino_aperto', 'inserto_pellet'],
      ['inserto_legna', 'inserto_legna'],
      ['stufa_pellet', 'stufa_legna'],
      ['stufa_legna', 'caldaia_legna_cippato'],
      ['caldaia_pellet', 'caldaia_legna_cippato'],
    ] as const;
    for (const [oldType, newType] of pairs) {
      const app = valid();
      app.oldAppliance.type = oldType;
      app.newAppliance.type = newType;
      assert.deepEqual(failuresOf(app), [], `${oldType} → ${newType}`);
    }
  });

  test('replacement table: other pairs fail', () => {
    const pairs = [
      ['camino_aperto', 'stufa_legna'],
      ['caldaia_legna_cippato', 'stufa_pellet'],
      ['stufa_legna', 'inserto_legna'],
    ] as const;
    for (const [oldType, newType] of pairs) {
      const app = valid();
      app.oldAppliance.type = oldType;
      app.newAppliance.type = newType;
      assert.deepEqual(failuresOf(app), ['replacement'], `${oldType} → ${newType}`);
    }
    const app = valid();
    app.oldAppliance.type = 'caldaia_pellet';
    assert.equal(
      messageOf(app, 'replacement'),
      'La sostituzione di "Caldaia a Pellet" con "Stufa a pellet" non è ammessa dalla tabella delle sostituzioni dell\'avviso.',
    );
  });

  // The Puglia table has no row for termocamini/termostufe/termocucine: test the termocucine rules
  // on a copy of the call whose table allows that type.
  const callWithTermo: TCall = {
    ...CALL,
    replacementTable: [
      ...CALL.replacementTable,
      { oldTypes: ['stufa_legna'], newTypes: ['termocamini_termostufe_termocucine'], text: 'test' },
    ],
  };
  function termocucina(): TEligibilityInput {
    const app = valid();
    app.newAppliance = {
      type: 'termocamini_termostufe_termocucine',
      kw: 20,
      stars: 5,
      standard: 'UNI EN 13240',
      isTermocucina: true,
      heatExchangerConnected: true,
    };
    return app;
  }

  test('termocucina: connected through a heat exchanger with EN 13240 or EN 14785 passes', () => {
    assert.deepEqual(failuresOf(termocucina(), callWithTermo), []);
    const pellet = termocucina();
    pellet.newAppliance.standard = 'EN 14785:2006';
    assert.deepEqual(failuresOf(pellet, callWithTermo), []);
  });

  test('termocucina: without heat exchanger fails', () => {
    const app = termocucina();
    app.newAppliance.heatExchangerConnected = false;
    const r = checkEligibility(callWithTermo, app);
    assert.equal(r.ok, false);
    assert.deepEqual(r.ok ? [] : r.failures.map((f) => f.rule), ['termocucina-heat-exchanger']);
    assert.match(r.ok ? '' : r.failures[0]!.message, /scambiatori di calore.*radiatori o a pavimento/);
  });

  test('termocucina: other standard fails; a termostufa is not subject to the rule', () => {
    const app = termocucina();
    app.newAppliance.standard = 'UNI EN 12815';
    const r = checkEligibility(callWithTermo, app);
    assert.deepEqual(r.ok ? [] : r.failures.map((f) => f.rule), ['termocucina-standard']);
    assert.equal(
      r.ok ? '' : r.failures[0]!.message,
      'La termocucina è ammessa solo se omologata EN 13240 o EN 14785.',
    );
    const termostufa = termocucina();
    termostufa.newAppliance = {
      ...termostufa.newAppliance,
      isTermocucina: false,
      heatExchangerConnected: false,
      standard: 'UNI EN 12815',
    };
    assert.deepEqual(failuresOf(termostufa, callWithTermo), []);
  });

  test('GSE contract from 1 January 2023', () => {
    assert.deepEqual(failuresOf({ ...valid(), gseContractDate: '2023-01-01' }), []);
    for (const d of ['2022-12-31', '2023-02-30', '', '01/03/2023']) {
      const app = { ...valid(), gseContractDate: d };
      assert.deepEqual(failuresOf(app), ['gse-contract-date'], d);
      assert.match(messageOf(app, 'gse-contract-date'), /a partire dal 01\/01\/2023/);
    }
  });

  test('not a new installation', () => {
    const app = { ...valid(), isNewInstallation: true };
    assert.deepEqual(failuresOf(app), ['new-installation']);
    assert.equal(
      messageOf(app, 'new-installation'),
      'Non sono ammessi contributi per casi di nuova installazione.',
    );
  });

  test('several failures are all reported', () => {
    const app = valid();
    app.municipality = 'Roma';
    app.oldAppliance.stars = 5;
    app.newAppliance.stars = 3;
    app.gseContractDate = '2020-01-01';
    assert.deepEqual(failuresOf(app), [
      'municipality',
      'old-appliance-stars',
      'new-appliance-stars',
      'gse-contract-date',
    ]);
  });
});

describe('computeContribution', () => {
  test('spend minus GSE below the cap', () => {
    assert.equal(computeContribution(CALL, 'stufa_pellet', 500_000, 300_000), 200_000);
  });

  test('exactly at the cap and one cent over', () => {
    assert.equal(computeContribution(CALL, 'stufa_pellet', 600_000, 300_000), 300_000);
    assert.equal(computeContribution(CALL, 'stufa_pellet', 600_001, 300_000), 300_000);
    assert.equal(computeContribution(CALL, 'stufa_pellet', 599_999, 300_000), 299_999);
    assert.equal(computeContribution(CALL, 'caldaia_legna_cippato', 1_000_001, 0), 1_000_000);
    assert.equal(computeContribution(CALL, 'caldaia_legna_cippato', 1_000_000, 0), 1_000_000);
  });

  test('each new type uses its own cap', () => {
    for (const t of CALL.newApplianceTypes) {
      assert.equal(computeContribution(CALL, t.id, 5_000_000, 0), t.capCents);
    }
  });

  test('GSE already covering the admissible spend gives 0, never negative', () => {
    assert.equal(computeContribution(CALL, 'stufa_legna', 400_000, 400_000), 0);
    assert.equal(computeContribution(CALL, 'stufa_legna', 400_000, 450_000), 0);
    assert.equal(computeContribution(CALL, 'stufa_legna', 0, 0), 0);
  });

  test('regional + GSE never above the admissible spend', () => {
    for (const t of CALL.newApplianceTypes) {
      for (const spend of [0, 1, 99_999, 300_000, 700_001, 2_000_000]) {
        for (const gse of [0, 1, 50_000, 299_999, 700_000]) {
          if (gse > spend) continue;
          const regional = computeContribution(CALL, t.id, spend, gse);
          assert.ok(regional >= 0 && regional <= t.capCents);
          assert.ok(regional + gse <= spend, `${t.id} ${spend} ${gse}`);
        }
      }
    }
  });

  test('refuses non-integer or negative cents', () => {
    assert.throws(() => computeContribution(CALL, 'stufa_legna', 100.5, 0), RangeError);
    assert.throws(() => computeContribution(CALL, 'stufa_legna', 100, -1), RangeError);
  });
});
