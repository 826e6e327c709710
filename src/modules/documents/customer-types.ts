/**
 * The customers of the utility (master data loaded by the office, checked by the customer area's
 * association): a private person or a business with a partita IVA.
 */
export type TCustomerType = 'privato' | 'partita_iva';

export const CUSTOMER_TYPE_LABELS: Record<TCustomerType, string> = {
  privato: 'Privata',
  partita_iva: 'Partita IVA',
};
