// The treasury account a call's payment orders debit (the SEPA debtor).
import type { TTenant } from '../../../tenancy/tenant.js';
import type { TGrantCall } from '../calls/call.js';
import type { TSepaParty } from './sepa-pain001.js';

/**
 * The treasury account the transfers are debited to. CONFIGURATION DEFAULTS: a call may set
 * `rules.treasury = { name, iban, bic }`; without it these demonstration values are used (the account of
 * the Banca d'Italia treasury format, not a real account) and the payments page says so.
 */
export const DEMO_TREASURY: Omit<TSepaParty, 'name'> = {
  iban: 'IT42X0100003245348000000123',
  bic: 'BITAITRRXXX',
};

export function treasuryOf(call: TGrantCall, tenant: TTenant): TSepaParty & { isDefault: boolean } {
  const t = call.rules.treasury;
  if (t?.iban && t.bic) return { name: t.name || tenant.name, iban: t.iban, bic: t.bic, isDefault: false };
  return { name: tenant.name, ...DEMO_TREASURY, isDefault: true };
}
