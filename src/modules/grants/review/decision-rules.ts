// What an officer may decide on an application, and what each decision does to its money: plain functions
// over plain data (section 6 "ISTRUTTORIA E CONCESSIONE DEL CONTRIBUTO" and section 9 "REVOCHE").
import type { TAttachmentRule } from '../calls/call.js';
import type { TFundingState } from '../funding/allocation-rules.js';

/** The three causes of non-admission of section 6, as written in the call. */
export const REJECTION_CAUSES = {
  termini_modalita:
    "La mancata presentazione della domanda secondo i termini e le modalità stabiliti all'interno dell'avviso ed allegato A, compreso il rispetto delle modalità di sottoscrizione della domanda e dei documenti elencati",
  documento_mancante:
    "La mancanza anche di uno solo dei documenti previsti all'interno dell'avviso e nell'allegato A",
  requisito_mancante:
    "L'assenza in capo al soggetto beneficiario, alla data di presentazione della domanda, anche di uno solo dei requisiti di ammissibilità",
} as const;
export type TRejectionCause = keyof typeof REJECTION_CAUSES;
export const isRejectionCause = (v: string): v is TRejectionCause => Object.hasOwn(REJECTION_CAUSES, v);

/** The requirements the officer verifies (sections 2, 3, 4, 6 of the call); the attachments are added per call. */
export const REQUIREMENT_CHECKS = [
  {
    key: 'req_terms',
    label: 'Domanda presentata nei termini e con le modalità del bando, sottoscritta, con la marca da bollo',
  },
  { key: 'req_municipality', label: "Immobile a uso abitativo in un Comune ammesso dall'avviso" },
  {
    key: 'req_old_appliance',
    label:
      'Apparecchio sostituito con classificazione non superiore a 3 stelle e potenza non superiore a 35 kW, dismesso e rottamato',
  },
  {
    key: 'req_new_appliance',
    label:
      'Nuovo generatore a 5 stelle (DM 186/2017), potenza non superiore a 35 kW, sostituzione ammessa dalla tabella del punto 2',
  },
  {
    key: 'req_gse_contract',
    label: 'Contratto "Conto Termico 2.0" con il GSE sottoscritto dal 1° gennaio 2023',
  },
  { key: 'req_gse_data', label: 'Dati della domanda congruenti con quelli forniti al GSE' },
  {
    key: 'req_amount',
    label:
      'Contributo entro il massimale della tipologia e, sommato al contributo GSE, non superiore alla spesa ammissibile GSE',
  },
] as const;

export interface TCheckItem {
  key: string;
  label: string;
}

/** Requirements, then one item per attachment of the call ("att_" + kind). */
export function checklistFor(attachments: readonly TAttachmentRule[]): TCheckItem[] {
  return [
    ...REQUIREMENT_CHECKS.map((r) => ({ key: r.key, label: r.label })),
    ...attachments.map((a) => ({ key: `att_${a.kind}`, label: `Allegato: ${a.label}` })),
  ];
}

/** Keys of the checklist ticked in a posted form (`check_<key>` = "1"). */
export function tickedChecks(
  items: readonly TCheckItem[],
  values: Record<string, string | undefined>,
): string[] {
  return items.filter((i) => values[`check_${i.key}`] === '1').map((i) => i.key);
}

export interface TDecisionFacts {
  status: string;
  funding: TFundingState;
  requestedCents: number | null;
  reservedCents: number;
  paidAt: Date | null;
}

export type TOfficeDecision = 'admit' | 'admit_reduced' | 'reject';

const FUNDS_MISSING: Partial<Record<TFundingState, string>> = {
  waiting:
    "La domanda è in lista d'attesa: per essa non ci sono fondi prenotati, quindi non può essere ammessa. Potrà esserlo quando, liberandosi risorse, le saranno assegnati i fondi secondo l'ordine di arrivo.",
  pending:
    "I fondi per questa domanda non sono ancora stati assegnati (l'assegnazione segue l'ordine di arrivo e di norma richiede pochi secondi): riprova tra poco.",
  none: 'Per questa domanda non ci sono fondi prenotati: non può essere ammessa.',
  released: 'I fondi di questa domanda sono stati rilasciati: non può essere ammessa.',
};

/** Why the application cannot be decided now, or null. */
export function decisionRefusal(app: TDecisionFacts, decision: TOfficeDecision): string | null {
  if (app.status === 'integration_requested')
    return 'È in corso una richiesta di integrazione: si può decidere dopo la risposta del richiedente o dopo la scadenza del termine.';
  if (app.status !== 'submitted')
    return 'La domanda è già stata decisa o non è in istruttoria: non si può decidere di nuovo.';
  if (decision === 'reject') return null;
  return FUNDS_MISSING[app.funding] ?? null;
}

/** The amount an admission grants: the reservation (the whole request, or the part funded when partial). */
export function admittedCents(app: TDecisionFacts): number {
  return app.reservedCents;
}

/** Why a reduced amount is not acceptable, or null. `cents` is the amount typed by the officer. */
export function reducedAmountError(app: TDecisionFacts, cents: number | undefined): string | null {
  if (cents === undefined) return 'Indica il contributo ridotto in euro, ad esempio 1.800,00.';
  if (cents <= 0)
    return 'Il contributo ridotto deve essere maggiore di zero: altrimenti scegli "Non ammettere".';
  const requested = app.requestedCents ?? 0;
  if (cents >= requested) return 'Il contributo ridotto deve essere inferiore al contributo richiesto.';
  if (cents > app.reservedCents)
    return 'Il contributo ridotto non può superare i fondi prenotati per la domanda.';
  return null;
}

/** Funding after a rejection: money reserved is released; a waiting or pending application leaves the queue. */
export function fundingAfterRejection(funding: TFundingState): TFundingState {
  if (funding === 'reserved' || funding === 'partial') return 'released';
  if (funding === 'waiting' || funding === 'pending') return 'none';
  return funding;
}

/** Why the admission cannot be revoked, or null. */
export function revocationRefusal(app: TDecisionFacts): string | null {
  if (app.status !== 'admitted') return 'Si può revocare solo il contributo di una domanda ammessa.';
  return null;
}

/**
 * What a revocation does to the money: reserved and not paid returns to the budget; paid money cannot
 * return to the budget and becomes a recovery to collect.
 */
export function revocationEffect(
  app: TDecisionFacts,
  paidCents: number,
): { releaseCents: number; recoverCents: number } {
  if (app.paidAt !== null) return { releaseCents: 0, recoverCents: paidCents };
  return { releaseCents: app.reservedCents, recoverCents: 0 };
}

export const MAX_NOTE = 2000;
