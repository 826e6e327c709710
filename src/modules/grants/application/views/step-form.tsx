import { escapeHtml } from '@kitajs/html';
// The fields of one wizard step, drawn from the definition of Allegato A: its fieldsets with their legends,
// each field with its control, label, hint and required mark, two half fields to a row.
import { formatEuro } from '../../../../italian/money.js';
import {
  CheckboxField,
  RadioField,
  SelectField,
  TextField,
  type TFormState,
} from '../../../../layout/form-kit.js';
import type { TGrantCall } from '../../calls/call.js';
import { fieldDef, type TApplicationField, type TDraftAnswers } from '../allegato-a/allegato-a.js';
import { requestedContributionCents } from '../allegato-a/answers.js';
import { fieldsetOf, type TCallText, type TFieldsetId, type TStepNo } from '../allegato-a/fieldsets.js';
import { fieldsetsOfStep } from '../allegato-a/steps.js';

const textOf = (t: TCallText | undefined, call: TGrantCall) => (typeof t === 'function' ? t(call) : t);

function Field({ name, form, call }: { name: TApplicationField; form: TFormState; call: TGrantCall }) {
  const d = fieldDef(name);
  const hint = textOf(d.hint, call);
  const control = d.control ?? (d.kind === 'tick' ? 'checkbox' : 'text');
  if (control === 'radio')
    return (
      <RadioField
        form={form}
        name={name}
        label={d.label}
        required={d.required}
        hints={d.hints?.(call)}
        options={d.options?.(call) ?? []}
      />
    );
  if (control === 'select')
    return (
      <SelectField
        form={form}
        name={name}
        label={d.label}
        hint={hint}
        required={d.required}
        options={d.options?.(call) ?? []}
      />
    );
  if (control === 'checkbox')
    return (
      <CheckboxField
        form={form}
        name={name}
        label={<>{escapeHtml(d.boxLabel ?? d.label)}</>}
        hint={hint}
        required={d.required}
      />
    );
  return (
    <TextField
      form={form}
      name={name}
      label={d.label}
      hint={hint}
      required={d.required}
      type={d.type}
      autocomplete={d.autocomplete}
      inputmode={d.inputmode}
      maxlength={d.maxlength}
    />
  );
}

/** The fields of a fieldset, two half fields side by side in a row. */
function rows(fields: readonly TApplicationField[]): TApplicationField[][] {
  const out: TApplicationField[][] = [];
  for (const f of fields) {
    const last = out.at(-1);
    if (fieldDef(f).half && last?.length === 1 && fieldDef(last[0]!).half) last.push(f);
    else out.push([f]);
  }
  return out;
}

/** What a fieldset says before its fields. */
function Intro({ id, call, saved }: { id: TFieldsetId; call: TGrantCall; saved: TDraftAnswers }) {
  const fs = fieldsetOf(id);
  if (fs.intro === 'contribution') {
    const requested = requestedContributionCents(call, saved);
    return (
      <p safe>
        {requested === undefined
          ? 'Il contributo richiesto è calcolato dal portale con i dati del passo 3 e compare nel riepilogo.'
          : `Contributo richiesto (calcolato con i dati del passo 3): ${formatEuro(requested)}.`}
      </p>
    );
  }
  if (fs.intro === 'privacy')
    return (
      <p class="small">
        I dati personali raccolti sono trattati, anche con strumenti informatici, esclusivamente nell'ambito
        del procedimento per il quale la domanda viene presentata (D.lgs. 196/2003 e Regolamento UE 2016/679).
        L'informativa completa è al punto 11 dell'Avviso.
      </p>
    );
  return '';
}

export function StepFields(p: { step: TStepNo; form: TFormState; call: TGrantCall; saved: TDraftAnswers }) {
  return (
    <>
      {fieldsetsOfStep(p.step).map((fs) => (
        <fieldset class="mb-4">
          <legend class="h4" safe>
            {textOf(fieldsetOf(fs.id).legend, p.call) ?? ''}
          </legend>
          <Intro id={fs.id} call={p.call} saved={p.saved} />
          {rows(fs.fields).map((row) =>
            row.length === 2 ? (
              <div class="row">
                {row.map((f) => (
                  <div class="col-md-6">
                    <Field name={f} form={p.form} call={p.call} />
                  </div>
                ))}
              </div>
            ) : (
              <Field name={row[0]!} form={p.form} call={p.call} />
            ),
          )}
        </fieldset>
      ))}
    </>
  );
}
