// Steps 3 and 4 of Allegato A: the property, the revenue stamp and the GSE data; declarations, commitments
// and payment.
import { formatEuro } from '../../../../italian/money.js';
import {
  CheckboxField,
  RadioField,
  SelectField,
  TextField,
  type TFormState,
} from '../../../../layout/form-kit.js';
import { type TGrantCall } from '../../calls/call.js';
import { requestedContributionCents } from '../allegato-a/answers.js';
import { APPLICATION_LABELS as L, PROPERTY_TITLES, type TApplicationValues } from '../allegato-a/fields.js';
import { DATE_HINT, Fieldset, Row } from './step-layout.js';

export function PropertyFields({ form, call }: { form: TFormState; call: TGrantCall }) {
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

export function DeclarationsFields({
  form,
  call,
  saved,
}: {
  form: TFormState;
  call: TGrantCall;
  saved: TApplicationValues;
}) {
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
