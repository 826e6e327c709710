// Steps 1 and 2 of Allegato A: the applicant with residence and contacts; the new and the replaced appliance.
import { CheckboxField, RadioField, TextField, type TFormState } from '../../../../layout/form-kit.js';
import { type TGrantCall } from '../../calls/call.js';
import { APPLICATION_LABELS as L, NO_OLD_APPLIANCE, NO_OLD_APPLIANCE_LABEL } from '../allegato-a/fields.js';
import { DATE_HINT, Fieldset, Row } from './step-layout.js';

export function ApplicantFields({ form }: { form: TFormState }) {
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

export function InterventionFields({ form, call }: { form: TFormState; call: TGrantCall }) {
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
