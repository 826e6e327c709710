/** Life of a company registration (seed 000 § 1.4 and the authority's decisions). */
export const COMPANY_STATUS = {
  pending_signature: "In attesa di firma dell'autodichiarazione",
  registered: 'Registrata – in attesa di attivazione',
  active: 'Attiva',
  rejected: 'Rifiutata',
  suspended: 'Sospesa',
} as const;

export type TCompanyStatus = keyof typeof COMPANY_STATUS;

/** Life of a staff registration (seed 000 § 2.3). */
export const STAFF_STATUS = {
  awaiting_activation: 'In attesa di attivazione',
  active: 'Attivo',
  rejected: 'Rifiutato',
  suspended: 'Sospeso',
} as const;

export type TStaffStatus = keyof typeof STAFF_STATUS;
