// Allegato A ("Modello di domanda"): the fields of the application with the form's labels, and its fixed
// choices. Values are kept as typed (strings) in grant_applications.data so a form always shows what was typed.
export type TApplicationValues = Record<string, string>;

/** The replaced-appliance choice for "no appliance replaced": a new installation, refused by the call. */
export const NO_OLD_APPLIANCE = 'nessuno';
export const NO_OLD_APPLIANCE_LABEL = 'Nessuno: nuova installazione';

export const APPLICATION_LABELS = {
  // Step 1 — Richiedente e residenza
  last_name: 'Cognome',
  first_name: 'Nome',
  birth_place: 'Nato/a a',
  birth_date: 'Data di nascita',
  tax_code: 'Codice Fiscale',
  res_municipality: 'Residente a',
  res_street: 'Via',
  res_number: 'N° civico',
  res_interno: 'Interno',
  res_province: 'Prov.',
  res_cap: 'CAP',
  phone: 'Telefono fisso',
  mobile: 'Telefono mobile',
  email: 'Indirizzo mail',
  pec: 'PEC (eventuale)',
  // Step 2 — Intervento
  new_type: 'Tipologia del nuovo generatore di calore',
  new_make: 'Marca',
  new_model: 'Modello',
  new_kw: 'Potenza termica kW',
  new_fuel: 'Combustibile',
  new_standard: 'Omologazione UNI EN',
  new_stars: 'N° stelle (DM 186/2017)',
  new_efficiency: 'Rendimento',
  new_year: 'Anno di installazione',
  new_is_termocucina: 'Il nuovo apparecchio è una termocucina',
  new_heat_exchanger:
    "La termocucina è collegata tramite scambiatori di calore all'impianto di riscaldamento a radiatori o a pavimento",
  old_type: 'Apparecchio preesistente dismesso e rottamato',
  old_make: 'Marca',
  old_model: 'Modello',
  old_kw: 'Potenza termica kW',
  old_fuel: 'Combustibile',
  old_standard: 'Omologazione UNI EN',
  old_stars: 'N° stelle (DM 186/2017)',
  old_year: 'Anno di installazione',
  // Step 3 — Immobile e dati GSE (DICHIARA INOLTRE, A–H)
  prop_municipality: 'Comune',
  prop_street: 'Via',
  prop_number: 'N°',
  prop_scala: 'Scala',
  prop_interno: 'Int.',
  cad_section: 'Sezione',
  cad_sheet: 'Foglio',
  cad_parcel: 'Mappale o particella',
  cad_sub: 'Sub',
  property_title: 'Il richiedente è',
  owner_name: 'Cognome e nome del proprietario',
  owner_authorisation: "Dichiaro di aver ottenuto l'autorizzazione del proprietario all'intervento",
  stamp_number: 'Numero identificativo della marca da bollo',
  stamp_date: 'Data di emissione della marca da bollo',
  total_cost: "Costo totale dell'intervento (€)",
  gse_admissible: 'Spesa ritenuta ammissibile dal GSE (€)',
  gse_contribution: 'Contributo "Conto Termico 2.0" del GSE (€)',
  gse_practice: 'Numero della pratica Conto Termico del GSE',
  gse_contract_number: 'Numero identificativo del contratto GSE',
  gse_contract_date: 'Data del contratto GSE',
  // Step 4 — Dichiarazioni, impegni e pagamento
  decl_i: 'I. Sono consapevole dei limiti alla cumulabilità fra diversi incentivi',
  decl_j: "J. Autorizzo la Regione a richiedere informazioni al GSE sull'intervento",
  decl_k: 'K. Sono in possesso della certificazione ambientale di cui al D.M. MATTM n. 186 del 07/11/2017',
  commit_pellet: 'Mi impegno a utilizzare pellet certificato classe A1 (UNI EN ISO 17225-2)',
  commit_inspections: "Mi impegno a consentire le verifiche sull'intervento finanziato",
  commit_no_low_class:
    'Mi impegno a non utilizzare generatori a biomasse con classificazione inferiore a 5 stelle',
  commit_documents:
    "Mi impegno a presentare, se richiesta, ulteriore documentazione a conferma dell'intervento",
  iban: 'IBAN',
  bank: 'Banca',
  account_holder: 'Intestato a',
  place: 'Luogo',
  privacy: 'Informativa sul trattamento dei dati personali',
} as const;
export type TApplicationField = keyof typeof APPLICATION_LABELS;

export const PROPERTY_TITLES = {
  proprietario: 'Proprietario',
  affittuario:
    "Affittuario o altro soggetto che abbia la disponibilità dell'immobile, previa autorizzazione del proprietario (Soggetto Ammesso Equiparato)",
} as const;
