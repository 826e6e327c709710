// The Puglia 2024 call shipped as seed data, and the demo tenant's open copy of it.
import type { TActor } from '../../audit/audit-log.js';
import type { TDb } from '../../db/database.js';
import type { TenantId } from '../../tenancy/tenant.js';
import { rulesOf } from './call.js';
import type { TCallInput } from './call.js';
import { createCall } from './create-call.js';
import { PUGLIA_2024_CALL } from './puglia-2024-call.js';

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
