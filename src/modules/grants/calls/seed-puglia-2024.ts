// The Puglia 2024 biomass-heater call (DD n. 95 of 14/10/2024, DGR 1357/2024) as plain data, shipped as
// seed data, and the demo tenant's open copy of it.
// Source: ../shared/seeds/003_b6ab4503955fff4b.txt (the Avviso, "Allegato 1", and its Allegato A).
import type { TActor } from '../../../audit/audit-log.js';
import type { TDb } from '../../../db/database.js';
import type { TenantId } from '../../../tenancy/tenant.js';
import type { TCall } from './call-rules.js';
import { rulesOf } from './call.js';
import type { TCallInput } from './call.js';
import { createCall } from './create-call.js';

export const PUGLIA_2024_CALL: TCall = {
  id: 'puglia-2024-biomasse',
  title:
    "Avviso pubblico per il miglioramento della qualità dell'aria nei comuni individuati dalla DGR n. 1357 del 03 ottobre 2024 attraverso l'erogazione di contributi a sportello destinati ai cittadini per la sostituzione di generatori di calore e caminetti a biomasse",
  legalReferences: [
    {
      kind: 'DD',
      number: '95',
      date: '2024-10-14',
      description:
        'Determinazione dirigenziale di approvazione dell’Avviso (Dipartimento Ambiente, Paesaggio e Qualità Urbana)',
    },
    {
      kind: 'DGR',
      number: '1357',
      date: '2024-10-03',
      description: 'Individuazione dei Comuni ed estensione dell’Avviso',
    },
    {
      kind: 'DGR',
      number: '426',
      date: '2024-04-08',
      description: 'Contributo integrativo regionale massimo per tipologia di impianto',
    },
    {
      kind: 'DD',
      number: '49',
      date: '2024-05-02',
      description: 'Avviso precedente (Torchiarolo e Francavilla Fontana), integrato e aggiornato',
    },
  ],
  // Avviso, section 1 (OBIETTIVO).
  municipalities: [
    'Bari',
    'Palo del Colle',
    'Bitonto',
    'Modugno',
    'Molfetta',
    'Taranto',
    'Mottola',
    'Castellaneta',
    'Mesagne',
    'Latiano',
    'Ceglie Messapica',
    'Oria',
    'Erchie',
    'Cellino San Marco',
    'San Donaci',
    'Torre S. Susanna',
    'San Pancrazio Salentino',
    'San Pietro Vernotico',
    'Lecce',
    'Galatina',
    'Campi Salentina',
  ],
  // Avviso, section 4 (TIPOLOGIA NUOVO IMPIANTO / CONTRIBUTO MASSIMO).
  newApplianceTypes: [
    { id: 'caldaia_legna_cippato', label: 'Caldaia a legna/cippato', capCents: 1_000_000 },
    { id: 'caldaia_pellet', label: 'Caldaia a Pellet', capCents: 700_000 },
    {
      id: 'termocamini_termostufe_termocucine',
      label: 'Termocamini/termostufe/termocucine',
      capCents: 500_000,
    },
    { id: 'inserto_legna', label: 'Inserto camino legna', capCents: 400_000 },
    { id: 'inserto_pellet', label: 'Inserto camino pellet', capCents: 400_000 },
    { id: 'stufa_legna', label: 'Stufa a legna', capCents: 300_000 },
    { id: 'stufa_pellet', label: 'Stufa a pellet', capCents: 300_000 },
  ],
  // Allegato A, "previa dismissione e rottamazione del preesistente apparecchio".
  oldApplianceTypes: [
    { id: 'camino_aperto', label: 'Camino aperto' },
    { id: 'caldaia_legna_cippato', label: 'Caldaia a legna/cippato' },
    { id: 'caldaia_pellet', label: 'Caldaia a Pellet' },
    { id: 'termocamini_termostufe_termocucine', label: 'Termocamini/termostufe/termocucine' },
    { id: 'inserto_legna', label: 'Inserto camino legna' },
    { id: 'inserto_pellet', label: 'Inserto camino pellet' },
    { id: 'stufa_legna', label: 'Stufa a legna' },
    { id: 'stufa_pellet', label: 'Stufa a pellet' },
  ],
  // Avviso, section 2, as written. The call's table has no row for termocamini/termostufe/termocucine
  // (neither as old nor as new type), although section 4 sets a cap for them: see the report.
  replacementTable: [
    {
      oldTypes: ['camino_aperto', 'inserto_legna', 'inserto_pellet'],
      newTypes: ['inserto_legna', 'inserto_pellet'],
      text: 'Camino aperto o inserto ≤ 3 stelle → Inserto a 5 stelle (2.B)',
    },
    {
      oldTypes: ['stufa_legna', 'stufa_pellet'],
      newTypes: ['stufa_legna', 'stufa_pellet', 'caldaia_legna_cippato', 'caldaia_pellet'],
      text: 'Stufa legna/pellet ≤ 3 stelle → Stufa legna/pellet 5 stelle (2.B), Caldaia legna/pellet 5 stelle (2.B)',
    },
    {
      oldTypes: ['caldaia_legna_cippato', 'caldaia_pellet'],
      newTypes: ['caldaia_legna_cippato', 'caldaia_pellet'],
      text: 'Caldaia legna/pellet ≤ 3 stelle → Caldaia legna/pellet 5 stelle (2.B)',
    },
  ],
  unknownDataAllowedFor: ['camino_aperto'],
  termocucinaTypes: ['termocamini_termostufe_termocucine'],
  termocucinaStandards: ['EN 13240', 'EN 14785'],
  oldMaxStars: 3,
  oldMaxKw: 35,
  newRequiredStars: 5,
  newMaxKw: 35,
  gseContractFrom: '2023-01-01',
  budgetCents: 20_000_000,
  // "dalla data di pubblicazione del presente avviso sul BURP": the publication date is not in the seed.
  opensAt: null,
  // "al 9 dicembre 2024", no time stated: end of that day, Italian time (CET, UTC+1).
  closesAt: '2024-12-09T23:59:59.999+01:00',
  closingTimeStatedInCall: false,
  // The call says only "fino ad esaurimento delle risorse disponibili": silent on partial funding.
  partialFundingOfLastApplication: false,
};

const SYSTEM: TActor = { id: null, label: 'sistema', ip: null };

export const PUGLIA_SUMMARY =
  'Contributi a sportello destinati ai cittadini dei Comuni individuati dalla DGR n. 1357 del 3 ottobre 2024 per la sostituzione di generatori di calore e caminetti a biomasse con generatori a 5 stelle di potenza non superiore a 35 kW, ad integrazione dell\'incentivo "Conto Termico 2.0" del GSE (DD n. 95 del 14/10/2024). I contributi sono erogati secondo l\'ordine cronologico di arrivo delle domande fino ad esaurimento delle risorse disponibili.';

export const PUGLIA_HOW_TO_APPLY = [
  '1. Accedi al portale con le tue credenziali (o registrati) e apri "Presenta domanda".',
  "2. Compila le sezioni del modello di domanda (Allegato A): richiedente, apparecchi, immobile, marca da bollo e dati GSE, dichiarazioni, IBAN. Puoi salvare e riprendere più tardi, anche prima dell'apertura.",
  '3. Allega i sei documenti richiesti (PDF o immagine, massimo 5 MB ciascuno; le fatture possono essere più file).',
  '4. Controlla il riepilogo con il contributo calcolato e premi "Invia": vale l\'ordine di arrivo al millisecondo.',
  "5. Ricevi la ricevuta PDF con numero di protocollo, data e ora di arrivo e codice di verifica; la pagina della domanda mostra se i fondi sono prenotati o se sei in lista d'attesa.",
].join('\n');

export function puglia2024CallInput(overrides: Partial<TCallInput> = {}): TCallInput {
  return {
    code: PUGLIA_2024_CALL.id,
    protocolPrefix: 'BIO24',
    title: PUGLIA_2024_CALL.title,
    summary: PUGLIA_SUMMARY,
    howToApply: PUGLIA_HOW_TO_APPLY,
    published: true,
    budgetCents: PUGLIA_2024_CALL.budgetCents,
    // "dalla data di pubblicazione del presente avviso sul BURP": the date is not in the act; the DD's date is used.
    opensAt: new Date('2024-10-14T00:00:00+02:00'),
    closesAt: new Date(PUGLIA_2024_CALL.closesAt),
    partialFunding: PUGLIA_2024_CALL.partialFundingOfLastApplication,
    rules: rulesOf(PUGLIA_2024_CALL),
    ...overrides,
  };
}

/** Creates the Puglia 2024 call in a tenant (idempotent by code). */
export async function seedPuglia2024Call(db: TDb, tenantId: TenantId, overrides: Partial<TCallInput> = {}) {
  const input = puglia2024CallInput(overrides);
  const existing = await db
    .selectFrom('grant_calls')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('code', '=', input.code)
    .executeTakeFirst();
  return existing?.id ?? createCall(db, tenantId, input, SYSTEM);
}

/** The demo tenant's open copy: same rules, open from yesterday for 90 days. */
export async function seedDemoOpenCall(db: TDb, tenantId: TenantId, now: Date) {
  return seedPuglia2024Call(db, tenantId, {
    code: 'puglia-biomasse-demo',
    protocolPrefix: 'DEMO',
    title: `[Copia dimostrativa] ${PUGLIA_2024_CALL.title}`,
    opensAt: new Date(now.getTime() - 86_400_000),
    closesAt: new Date(now.getTime() + 90 * 86_400_000),
  });
}
