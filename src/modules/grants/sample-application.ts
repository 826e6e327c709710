// A complete, eligible application for the Puglia call: used by tests, the demo and bench/click-day.
// Each index gives a different applicant (valid codice fiscale) and a different property.
import type { TApplicationValues } from './application-data.js';

const CF_ODD: Record<string, number> = {
  '0': 1,
  '1': 0,
  '2': 5,
  '3': 7,
  '4': 9,
  '5': 13,
  '6': 15,
  '7': 17,
  '8': 19,
  '9': 21,
  A: 1,
  B: 0,
  C: 5,
  D: 7,
  E: 9,
  F: 13,
  G: 15,
  H: 17,
  I: 19,
  J: 21,
  K: 2,
  L: 4,
  M: 18,
  N: 20,
  O: 11,
  P: 3,
  Q: 6,
  R: 8,
  S: 12,
  T: 14,
  U: 16,
  V: 10,
  W: 22,
  X: 25,
  Y: 24,
  Z: 23,
};

function checkChar(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = first15[i]!;
    if (i % 2 === 0) sum += CF_ODD[c]!;
    else sum += /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 65;
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** A syntactically valid personal codice fiscale, different for each n (0 ≤ n < 26^3 * 1000). */
export function sampleTaxCode(n: number): string {
  const letters = (k: number) =>
    String.fromCharCode(65 + (Math.floor(k / 676) % 26), 65 + (Math.floor(k / 26) % 26), 65 + (k % 26));
  const surname = letters(n % 17576);
  const name = letters(Math.floor(n / 17576) % 17576);
  const months = 'ABCDEHLMPRST';
  const body = `${surname}${name}80${months[n % 12]}${String((n % 28) + 1).padStart(2, '0')}A662`;
  return body + checkChar(body);
}

export function sampleApplicationValues(n = 0, over: TApplicationValues = {}): TApplicationValues {
  return {
    last_name: 'Rossi',
    first_name: 'Maria',
    birth_place: 'Bari',
    birth_date: '15/03/1980',
    tax_code: sampleTaxCode(n),
    res_municipality: 'Bari',
    res_street: 'Via Sparano',
    res_number: '10',
    res_interno: '1',
    res_province: 'BA',
    res_cap: '70121',
    phone: '080 1234567',
    mobile: '333 1234567',
    email: `richiedente${n}@example.org`,
    pec: '',
    new_type: 'stufa_pellet',
    new_make: 'Termo',
    new_model: 'Eco 9',
    new_kw: '9,5',
    new_fuel: 'Pellet',
    new_standard: 'UNI EN 14785',
    new_stars: '5',
    new_efficiency: '91,2',
    new_year: '2024',
    new_is_termocucina: '',
    new_heat_exchanger: '',
    old_type: 'stufa_legna',
    old_make: 'Vecchia',
    old_model: 'V1',
    old_kw: '8',
    old_fuel: 'Legna',
    old_standard: 'UNI EN 13240',
    old_stars: '2',
    old_year: '2005',
    prop_municipality: 'Bari',
    prop_street: 'Via Sparano',
    prop_number: '10',
    prop_scala: 'A',
    prop_interno: '1',
    cad_section: '',
    cad_sheet: String(100 + (n % 900)),
    cad_parcel: String(1000 + Math.floor(n / 900)),
    cad_sub: '1',
    property_title: 'proprietario',
    owner_name: '',
    owner_authorisation: '',
    stamp_number: String(10_000_000_000_000 + n),
    stamp_date: '02/11/2024',
    total_cost: '4.500,00',
    gse_admissible: '4.000,00',
    gse_contribution: '1.500,00',
    gse_practice: `CT-2024-${n}`,
    gse_contract_number: `GSE-${n}`,
    gse_contract_date: '20/10/2024',
    decl_i: '1',
    decl_j: '1',
    decl_k: '1',
    commit_pellet: '1',
    commit_inspections: '1',
    commit_no_low_class: '1',
    commit_documents: '1',
    iban: 'IT60X0542811101000000123456',
    bank: 'Banca di prova',
    account_holder: 'Maria Rossi',
    place: 'Bari',
    privacy: '1',
    ...over,
  };
}
