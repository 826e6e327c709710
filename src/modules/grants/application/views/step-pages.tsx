// Steps 1–4 of the application: the fields of Allegato A grouped and labelled as in the form.
// "Salva e continua" validates the step, "Salva bozza" keeps what was typed.
import { formatEuro } from '../../../../italian/money.js';
import {
  CheckboxField,
  CsrfField,
  ErrorSummary,
  RadioField,
  RequiredNote,
  SelectField,
  TextField,
  type TFormState,
} from '../../../../layout/form-kit.js';
import type { TPageContext } from '../../../../layout/layout.js';
import { type TGrantCall } from '../../calls/call.js';
import {
  APPLICATION_LABELS as L,
  NO_OLD_APPLIANCE,
  NO_OLD_APPLIANCE_LABEL,
  PROPERTY_TITLES,
  requestedContributionCents,
  type TApplicationValues,
} from '../application-data.js';
import { stepPath } from '../save-draft.js';
import { WizardLayout } from './wizard-frame.js';

const DATE_HINT = 'gg/mm/aaaa';

/** The same label in two groups ("Marca" of the new and of the old appliance): the summary says which. */
const STEP2_SUMMARY_LABELS: Record<string, string> = Object.fromEntries(
  ['make', 'model', 'kw', 'fuel', 'standard', 'stars', 'year', 'efficiency'].flatMap((f) => [
    [`new_${f}`, 'Nuovo apparecchio'],
    [`old_${f}`, 'Apparecchio preesistente'],
  ]),
);
const STEP3_SUMMARY_LABELS: Record<string, string> = {
  prop_street: 'Immobile',
  prop_number: 'Immobile',
};

function Fieldset({ legend, children }: { legend: string; children: JSX.Element | JSX.Element[] }) {
  return (
    <fieldset class="mb-4">
      <legend class="h4" safe>
        {legend}
      </legend>
      {children as 'safe'}
    </fieldset>
  );
}

function Row({ children }: { children: JSX.Element | JSX.Element[] }) {
  const list = Array.isArray(children) ? children : [children];
  return (
    <div class="row">
      {list.map((c) => (
        <div class="col-md-6">{c as 'safe'}</div>
      ))}
    </div>
  );
}

function Step1({ form }: { form: TFormState }) {
  return (
    <>
      <Fieldset legend="Il/La sottoscritto/a">
        <Row>
          <TextField form={form} name="last_name" label={L.last_name} required autocomplete="family-name" />
          <TextField form={form} name="first_name" label={L.first_name} required autocomplete="given-name" />
        </Row>
        <Row>
          <TextField form={form} name="birth_place" label={L.birth_place} required />
          <TextField
            form={form}
            name="birth_date"
            label={L.birth_date}
            hint={DATE_HINT}
            required
            autocomplete="bday"
          />
        </Row>
        <TextField
          form={form}
          name="tax_code"
          label={L.tax_code}
          hint="16 caratteri"
          required
          maxlength={16}
        />
      </Fieldset>
      <Fieldset legend="Residenza">
        <Row>
          <TextField form={form} name="res_municipality" label={L.res_municipality} required />
          <TextField form={form} name="res_street" label={L.res_street} required />
        </Row>
        <Row>
          <TextField form={form} name="res_number" label={L.res_number} required />
          <TextField
            form={form}
            name="res_interno"
            label={L.res_interno}
            hint="Nel caso di abitazioni unifamiliari inserire 1"
            required
          />
        </Row>
        <Row>
          <TextField
            form={form}
            name="res_province"
            label={L.res_province}
            hint="Sigla, ad esempio BA"
            required
            maxlength={2}
          />
          <TextField
            form={form}
            name="res_cap"
            label={L.res_cap}
            required
            inputmode="numeric"
            maxlength={5}
            autocomplete="postal-code"
          />
        </Row>
      </Fieldset>
      <Fieldset legend="Recapiti">
        <Row>
          <TextField form={form} name="phone" label={L.phone} type="tel" autocomplete="tel" />
          <TextField form={form} name="mobile" label={L.mobile} type="tel" autocomplete="tel" />
        </Row>
        <Row>
          <TextField
            form={form}
            name="email"
            label={L.email}
            type="email"
            required
            autocomplete="email"
            hint="Qui arriveranno la ricevuta e le comunicazioni sulla domanda"
          />
          <TextField form={form} name="pec" label={L.pec} type="email" />
        </Row>
      </Fieldset>
    </>
  );
}

function Step2({ form, call }: { form: TFormState; call: TGrantCall }) {
  const unknownAllowed = call.rules.oldApplianceTypes
    .filter((t) => call.rules.unknownDataAllowedFor.includes(t.id))
    .map((t) => t.label.toLowerCase())
    .join(', ');
  const ndHint = `Nel caso si sostituisca un ${unknownAllowed}, e non si abbiano i dati richiesti, compilare i campi con la dicitura ND, oppure 0 (zero) se è richiesto un valore numerico (kW, omologazione, n. stelle e anno di installazione). Per le altre tipologie (inserti, stufe e caldaie) è obbligatorio compilare tutti i campi.`;
  return (
    <>
      <Fieldset
        legend={`CHIEDE l'ammissione al contributo regionale per il nuovo generatore di calore con potenza inferiore o uguale a ${call.rules.newMaxKw} kW e classificazione ambientale pari a ${call.rules.newRequiredStars} stelle`}
      >
        <RadioField
          form={form}
          name="new_type"
          label={L.new_type}
          required
          options={call.rules.newApplianceTypes.map((t) => ({ value: t.id, label: t.label }))}
        />
      </Fieldset>
      <Fieldset legend="DICHIARA di aver installato il seguente apparecchio">
        <Row>
          <TextField form={form} name="new_make" label={L.new_make} required />
          <TextField form={form} name="new_model" label={L.new_model} required />
        </Row>
        <Row>
          <TextField
            form={form}
            name="new_kw"
            label={L.new_kw}
            hint="Ad esempio 9,5"
            required
            inputmode="text"
          />
          <TextField form={form} name="new_fuel" label={L.new_fuel} required />
        </Row>
        <Row>
          <TextField
            form={form}
            name="new_standard"
            label={L.new_standard}
            hint="Ad esempio UNI EN 14785"
            required
          />
          <TextField
            form={form}
            name="new_stars"
            label={L.new_stars}
            required
            inputmode="numeric"
            maxlength={1}
          />
        </Row>
        <Row>
          <TextField
            form={form}
            name="new_efficiency"
            label={L.new_efficiency}
            hint="In percentuale, ad esempio 91,2"
            required
          />
          <TextField
            form={form}
            name="new_year"
            label={L.new_year}
            hint="Ad esempio 2024"
            required
            inputmode="numeric"
            maxlength={4}
          />
        </Row>
        <CheckboxField form={form} name="new_is_termocucina" label={<>{L.new_is_termocucina}</>} />
        <CheckboxField
          form={form}
          name="new_heat_exchanger"
          label={<>{L.new_heat_exchanger}</>}
          hint={`Le termocucine sono ammesse solo se collegate tramite scambiatori di calore all'impianto di riscaldamento e certificate ${call.rules.termocucinaStandards.join(' o ')}.`}
        />
      </Fieldset>
      <Fieldset legend="previa dismissione e rottamazione del preesistente apparecchio">
        <RadioField
          form={form}
          name="old_type"
          label={L.old_type}
          required
          hints={[ndHint]}
          options={[
            ...call.rules.oldApplianceTypes.map((t) => ({ value: t.id, label: t.label })),
            { value: NO_OLD_APPLIANCE, label: NO_OLD_APPLIANCE_LABEL },
          ]}
        />
        <Row>
          <TextField
            form={form}
            name="old_make"
            label={L.old_make}
            hint="ND se non noto (solo camino aperto)"
            required
          />
          <TextField
            form={form}
            name="old_model"
            label={L.old_model}
            hint="ND se non noto (solo camino aperto)"
            required
          />
        </Row>
        <Row>
          <TextField
            form={form}
            name="old_kw"
            label={L.old_kw}
            hint="0 se non noto (solo camino aperto)"
            required
          />
          <TextField
            form={form}
            name="old_fuel"
            label={L.old_fuel}
            hint="ND se non noto (solo camino aperto)"
            required
          />
        </Row>
        <Row>
          <TextField
            form={form}
            name="old_standard"
            label={L.old_standard}
            hint="0 se non noto (solo camino aperto)"
            required
          />
          <TextField
            form={form}
            name="old_stars"
            label={L.old_stars}
            hint="0 se non noto (solo camino aperto)"
            required
            inputmode="numeric"
            maxlength={1}
          />
        </Row>
        <TextField
          form={form}
          name="old_year"
          label={L.old_year}
          hint="0 se non noto (solo camino aperto)"
          required
          inputmode="numeric"
          maxlength={4}
        />
      </Fieldset>
    </>
  );
}

function Step3({ form, call }: { form: TFormState; call: TGrantCall }) {
  return (
    <>
      <Fieldset legend="A. L'intervento è realizzato nell'immobile destinato a civile abitazione">
        <SelectField
          form={form}
          name="prop_municipality"
          label={L.prop_municipality}
          hint="Solo i Comuni ammessi dal bando"
          required
          options={call.rules.municipalities.map((m) => ({ value: m, label: m }))}
        />
        <Row>
          <TextField form={form} name="prop_street" label={L.prop_street} required />
          <TextField form={form} name="prop_number" label={L.prop_number} required />
        </Row>
        <Row>
          <TextField form={form} name="prop_scala" label={L.prop_scala} />
          <TextField form={form} name="prop_interno" label={L.prop_interno} />
        </Row>
      </Fieldset>
      <Fieldset legend="Dati catastali">
        <Row>
          <TextField form={form} name="cad_section" label={L.cad_section} />
          <TextField form={form} name="cad_sheet" label={L.cad_sheet} required />
        </Row>
        <Row>
          <TextField form={form} name="cad_parcel" label={L.cad_parcel} required />
          <TextField form={form} name="cad_sub" label={L.cad_sub} />
        </Row>
      </Fieldset>
      <Fieldset legend="B. Dell'immobile il richiedente è">
        <RadioField
          form={form}
          name="property_title"
          label={L.property_title}
          required
          options={Object.entries(PROPERTY_TITLES).map(([value, label]) => ({ value, label }))}
        />
        <TextField
          form={form}
          name="owner_name"
          label={L.owner_name}
          hint="Solo se il richiedente è affittuario o soggetto equiparato"
        />
        <CheckboxField
          form={form}
          name="owner_authorisation"
          label={<>{L.owner_authorisation}</>}
          hint="Solo se il richiedente è affittuario o soggetto equiparato"
        />
      </Fieldset>
      <Fieldset legend="C. Marca da bollo da € 16,00">
        <Row>
          <TextField
            form={form}
            name="stamp_number"
            label={L.stamp_number}
            hint="14 cifre, come stampato sulla marca"
            required
            inputmode="numeric"
            maxlength={14}
          />
          <TextField form={form} name="stamp_date" label={L.stamp_date} hint={DATE_HINT} required />
        </Row>
      </Fieldset>
      <Fieldset legend="D–H. Costo dell'intervento e dati del Conto Termico 2.0 (GSE)">
        <TextField form={form} name="total_cost" label={L.total_cost} hint="Ad esempio 4.500,00" required />
        <TextField
          form={form}
          name="gse_admissible"
          label={L.gse_admissible}
          hint="Ad esempio 4.000,00"
          required
        />
        <TextField
          form={form}
          name="gse_contribution"
          label={L.gse_contribution}
          hint='Importo indicato nella "Scheda contratto" del GSE, ad esempio 1.500,00'
          required
        />
        <TextField form={form} name="gse_practice" label={L.gse_practice} required />
        <Row>
          <TextField form={form} name="gse_contract_number" label={L.gse_contract_number} required />
          <TextField
            form={form}
            name="gse_contract_date"
            label={L.gse_contract_date}
            hint={`${DATE_HINT}; il contratto deve essere sottoscritto dal 01/01/2023`}
            required
          />
        </Row>
      </Fieldset>
    </>
  );
}

function Step4({ form, call, saved }: { form: TFormState; call: TGrantCall; saved: TApplicationValues }) {
  const requested = requestedContributionCents(call, saved);
  return (
    <>
      <Fieldset legend="DICHIARA INOLTRE">
        <CheckboxField
          form={form}
          name="decl_i"
          required
          label={<>{L.decl_i}</>}
          hint="Di non aver beneficiato, di non intendere beneficiare e di impegnarsi a non beneficiare di incentivi e contributi per l'intervento ulteriori rispetto al contratto di Conto Termico 2.0 con il GSE."
        />
        <CheckboxField form={form} name="decl_j" required label={<>{L.decl_j}</>} />
        <CheckboxField form={form} name="decl_k" required label={<>{L.decl_k}</>} />
      </Fieldset>
      <Fieldset legend="SI IMPEGNA">
        <CheckboxField form={form} name="commit_pellet" required label={<>{L.commit_pellet}</>} />
        <CheckboxField form={form} name="commit_inspections" required label={<>{L.commit_inspections}</>} />
        <CheckboxField form={form} name="commit_no_low_class" required label={<>{L.commit_no_low_class}</>} />
        <CheckboxField form={form} name="commit_documents" required label={<>{L.commit_documents}</>} />
      </Fieldset>
      <Fieldset legend="CHIEDE che il contributo venga erogato mediante bonifico bancario">
        <p>
          {requested === undefined ? (
            'Il contributo richiesto è calcolato dal portale con i dati del passo 3 e compare nel riepilogo.'
          ) : (
            <span
              safe
            >{`Contributo richiesto (calcolato con i dati del passo 3): ${formatEuro(requested)}.`}</span>
          )}
        </p>
        <TextField
          form={form}
          name="iban"
          label={L.iban}
          hint="27 caratteri, ad esempio IT60X0542811101000000123456"
          required
          maxlength={42}
        />
        <Row>
          <TextField form={form} name="bank" label={L.bank} required />
          <TextField form={form} name="account_holder" label={L.account_holder} required />
        </Row>
        <TextField form={form} name="place" label={L.place} hint="Luogo in cui compili la domanda" required />
      </Fieldset>
      <Fieldset legend="Informativa sul trattamento dei dati personali">
        <p class="small">
          I dati personali raccolti sono trattati, anche con strumenti informatici, esclusivamente nell'ambito
          del procedimento per il quale la domanda viene presentata (D.lgs. 196/2003 e Regolamento UE
          2016/679). L'informativa completa è al punto 11 dell'Avviso.
        </p>
        <CheckboxField
          form={form}
          name="privacy"
          required
          label={<>Dichiaro di essere informato/a e autorizzo il trattamento dei dati personali</>}
        />
      </Fieldset>
    </>
  );
}

export function StepPage(p: {
  ctx: TPageContext;
  call: TGrantCall;
  applicationId: string;
  step: 1 | 2 | 3 | 4;
  form: TFormState;
  /** The answers stored so far (for the amount shown in step 4). */
  saved: TApplicationValues;
}) {
  const labels = p.step === 2 ? STEP2_SUMMARY_LABELS : p.step === 3 ? STEP3_SUMMARY_LABELS : {};
  const action = stepPath(p.applicationId, p.step);
  return (
    <WizardLayout ctx={p.ctx} applicationId={p.applicationId} callTitle={p.call.title} step={p.step}>
      <ErrorSummary form={p.form} labels={labels} />
      <form method="post" action={action} novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <RequiredNote />
        {p.step === 1 ? <Step1 form={p.form} /> : ''}
        {p.step === 2 ? <Step2 form={p.form} call={p.call} /> : ''}
        {p.step === 3 ? <Step3 form={p.form} call={p.call} /> : ''}
        {p.step === 4 ? <Step4 form={p.form} call={p.call} saved={p.saved} /> : ''}
        <div class="d-flex flex-wrap gap-2 mt-4">
          <button type="submit" name="azione" value="continua" class="btn btn-primary">
            Salva e continua
          </button>
          <button type="submit" name="azione" value="bozza" class="btn btn-outline-primary">
            Salva bozza
          </button>
          {p.step > 1 ? (
            <a class="btn btn-link" href={stepPath(p.applicationId, p.step - 1)}>
              Torna al passo precedente
            </a>
          ) : (
            ''
          )}
        </div>
      </form>
    </WizardLayout>
  );
}
