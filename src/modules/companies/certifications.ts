import { DATE_FORMAT_MESSAGE, parseItalianDate } from '../../italian/dates.js';

/**
 * Abilitazioni/Certificazioni of seed 000. A company declares the seven of section 1.3; a staff member
 * the two of section 2.2. Each has a reference date and an expiry date; DPR 146/2018 also the expiry of
 * the last check. All dates are required.
 */
export const COMPANY_CERTIFICATIONS = [
  { kind: 'dm37_c', label: 'Rif. DM 37/08 (art. 1 c. 2 lett. c)', lastCheck: false },
  { kind: 'dm37_ce', label: 'Rif. DM 37/08 (art. 1 c. 2 lett. c-e)', lastCheck: false },
  { kind: 'dpr146_art8', label: 'Rif. DPR 146/2018 (art. 8)', lastCheck: true },
  { kind: 'patentino_232', label: 'Patentino per Impianti > 232kW', lastCheck: false },
  { kind: 'patentino_350', label: 'Patentino per Impianti > 350kW', lastCheck: false },
  { kind: 'durc', label: 'DURC', lastCheck: false },
  { kind: 'polizza', label: 'Polizza Assicurativa', lastCheck: false },
] as const;

export const STAFF_CERTIFICATIONS = [
  { kind: 'dpr146_art7', label: 'Rif. DPR 146/2018 (art. 7)', lastCheck: true },
  { kind: 'taratura', label: 'Taratura Strumento', lastCheck: false },
] as const;

export type TCertificationDef = { kind: string; label: string; lastCheck: boolean };

export const CERTIFICATION_LABELS: Record<string, string> = Object.fromEntries(
  [...COMPANY_CERTIFICATIONS, ...STAFF_CERTIFICATIONS].map((c) => [c.kind, c.label]),
);

export type TCertificationInput = {
  kind: string;
  referenceDate: string;
  expiryDate: string;
  lastCheckExpiryDate: string | null;
};

export const certFieldNames = (kind: string) => ({
  ref: `cert_${kind}_ref`,
  exp: `cert_${kind}_exp`,
  last: `cert_${kind}_last`,
});

/**
 * Reads and checks the dates of a list of certifications from form values: each date required and
 * valid (gg/mm/aaaa), every expiry after its reference date. Field errors are keyed by form field.
 */
export function readCertifications(
  defs: readonly TCertificationDef[],
  values: Record<string, string | undefined>,
): { certifications: TCertificationInput[]; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const certifications: TCertificationInput[] = [];
  for (const def of defs) {
    const f = certFieldNames(def.kind);
    const read = (name: string, what: string): string | undefined => {
      const raw = (values[name] ?? '').trim();
      if (!raw) {
        errors[name] = `Inserisci la ${what} (${def.label}).`;
        return undefined;
      }
      const iso = parseItalianDate(raw);
      if (!iso) errors[name] = `${DATE_FORMAT_MESSAGE} (${def.label}, ${what})`;
      return iso;
    };
    const ref = read(f.ref, 'data di riferimento');
    const exp = read(f.exp, 'data di scadenza');
    const last = def.lastCheck ? read(f.last, 'data di scadenza ultima verifica') : null;
    if (ref && exp && exp <= ref)
      errors[f.exp] = `La data di scadenza deve essere successiva alla data di riferimento (${def.label}).`;
    if (ref && last && last <= ref)
      errors[f.last] =
        `La data di scadenza ultima verifica deve essere successiva alla data di riferimento (${def.label}).`;
    if (ref && exp && last !== undefined)
      certifications.push({ kind: def.kind, referenceDate: ref, expiryDate: exp, lastCheckExpiryDate: last });
  }
  return { certifications, errors };
}
