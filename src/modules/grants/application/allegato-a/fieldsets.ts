// Where Allegato A's fields sit on the wizard's pages: the fieldsets of each step with their legends (as in
// the paper form), the groups that tell equal labels apart, and the way a field is shown.
import type { TGrantCall } from '../../calls/call.js';

export type TStepNo = 1 | 2 | 3 | 4;

/** Text that may depend on the call (a legend naming its limits, a hint naming its standards). */
export type TCallText = string | ((call: TGrantCall) => string);

/** The fieldsets of the form, in order, with their legends (as in the paper form). */
export const FIELDSETS = {
  applicant: { step: 1, legend: 'Il/La sottoscritto/a' },
  residence: { step: 1, legend: 'Residenza' },
  contacts: { step: 1, legend: 'Recapiti' },
  newType: {
    step: 2,
    legend: (call: TGrantCall) =>
      `CHIEDE l'ammissione al contributo regionale per il nuovo generatore di calore con potenza inferiore o uguale a ${call.rules.newMaxKw} kW e classificazione ambientale pari a ${call.rules.newRequiredStars} stelle`,
  },
  newAppliance: { step: 2, legend: 'DICHIARA di aver installato il seguente apparecchio' },
  oldAppliance: { step: 2, legend: 'previa dismissione e rottamazione del preesistente apparecchio' },
  property: { step: 3, legend: "A. L'intervento è realizzato nell'immobile destinato a civile abitazione" },
  cadastre: { step: 3, legend: 'Dati catastali' },
  title: { step: 3, legend: "B. Dell'immobile il richiedente è" },
  stamp: { step: 3, legend: 'C. Marca da bollo da € 16,00' },
  gse: { step: 3, legend: "D–H. Costo dell'intervento e dati del Conto Termico 2.0 (GSE)" },
  declarations: { step: 4, legend: 'DICHIARA INOLTRE' },
  commitments: { step: 4, legend: 'SI IMPEGNA' },
  payment: {
    step: 4,
    legend: 'CHIEDE che il contributo venga erogato mediante bonifico bancario',
    intro: 'contribution',
  },
  privacy: {
    step: 4,
    legend: 'Informativa sul trattamento dei dati personali',
    intro: 'privacy',
  },
} as const satisfies Record<string, { step: TStepNo; legend: TCallText; intro?: 'contribution' | 'privacy' }>;
export type TFieldsetId = keyof typeof FIELDSETS;

/** A fieldset as the form draws it. */
export type TFieldset = { step: TStepNo; legend: TCallText; intro?: 'contribution' | 'privacy' };
export const fieldsetOf = (id: TFieldsetId): TFieldset => FIELDSETS[id];

/** Groups whose fields share labels ("Marca" of the new and of the replaced appliance). */
export const GROUPS = {
  new: 'Nuovo apparecchio',
  old: 'Apparecchio preesistente',
  property: 'Immobile',
} as const;

/** Where and how the form shows a field. */
export interface TFieldPlace {
  fieldset: TFieldsetId;
  /** Names the field apart from an equal label elsewhere (error summary, answers). */
  group?: keyof typeof GROUPS;
  /** Half a row: two half fields side by side. */
  half?: boolean;
  hint?: TCallText;
  /** Several hints under a radio group's legend. */
  hints?: (call: TGrantCall) => string[];
  control?: 'text' | 'radio' | 'select' | 'checkbox';
  /** The check box's own text, when it is not the label (the privacy consent). */
  boxLabel?: string;
  type?: 'email' | 'tel';
  autocomplete?: string;
  inputmode?: 'numeric' | 'text';
  maxlength?: number;
  /** Required only when another answer has this value (the tenant's owner and authorisation). */
  requiredWhen?: { field: 'property_title'; equals: 'affittuario'; message: string };
  /** An amount that may not exceed another one. */
  notAbove?: { field: 'total_cost'; message: string };
}
