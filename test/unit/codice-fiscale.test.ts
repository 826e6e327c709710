import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import {
  isCompanyTaxCode,
  isPartitaIva,
  isPersonTaxCode,
  normaliseTaxCode,
  taxCodeCheckCharacter,
} from '../../src/italian/codice-fiscale.js';

describe('codice fiscale: the check is our own code, with no CC BY-SA dependency', () => {
  test('package.json depends on no codice-fiscale library (codice-fiscale-js is CC BY-SA 4.0)', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
    assert.deepEqual(
      names.filter((n) => /codice-?fiscale/i.test(n)),
      [],
    );
  });

  test('the check character of known codes', () => {
    assert.equal(taxCodeCheckCharacter('RSSMRA85T10A562'), 'S');
    assert.equal(taxCodeCheckCharacter('BNCLCU85M41F205'), 'T');
    // Omocodia: every digit replaced by its letter (0→L … 9→V).
    assert.equal(taxCodeCheckCharacter('RSSMRAURTMLARSN'), 'L');
  });

  test('valid person codes, omocodes included, in any case and with spaces', () => {
    for (const cf of [
      'RSSMRA85T10A562S',
      'BNCLCU85M41F205T', // a woman: day + 40
      'RSSMRA85T10A56NH', // omocode: the last digit replaced
      'RSSMRAURTMLARSNL', // omocode: every digit replaced
      'rssmra85t10a562s',
      ' RSSM RA85 T10A 562S ',
    ])
      assert.equal(isPersonTaxCode(cf), true, cf);
  });

  test('invalid person codes: wrong check character, format, length, month, omocodia letter', () => {
    for (const cf of [
      'RSSMRA85T10A562T', // wrong check character
      'RSSMRA85T10A56NS', // omocode with the original check character
      'RSSMRA85T10A562', // 15 characters
      'RSSMRA85T10A562SS', // 17 characters
      'RSSMRA85Z10A562S', // Z is no month
      'RSSMRA85T10A56WS', // W is no omocodia letter
      '1SSMRA85T10A562S', // a digit in the surname
      'RSSMRA85T10A562!',
      '',
      '12345678901', // a company's code is not a person's
    ])
      assert.equal(isPersonTaxCode(cf), false, cf);
  });

  test('normalisation drops spaces and upper-cases', () => {
    assert.equal(normaliseTaxCode(' rssmra85 t10a562s\t'), 'RSSMRA85T10A562S');
  });

  test('partita IVA and company codes: 11 digits with the check digit', () => {
    assert.equal(isPartitaIva('01234567890'), false);
    assert.equal(isPartitaIva('12345678903'), true);
    assert.equal(isPartitaIva('00000000000'), false);
    assert.equal(isPartitaIva('1234567890'), false);
    assert.equal(isCompanyTaxCode('12345678903'), true);
  });
});
