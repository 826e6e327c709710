import { formatDateTime } from '../../../../italian/dates.js';
import { formatEuro } from '../../../../italian/money.js';
import {
  CheckboxField,
  ErrorSummary,
  CsrfField,
  RequiredNote,
  TextAreaField,
  TextField,
  type TFormState,
} from '../../../../layout/form-kit.js';
import { Layout, type TPageContext } from '../../../../layout/layout.js';
import { CALL_LABELS } from '../call-form.js';
import { NEW_APPLIANCE_TYPES, OLD_APPLIANCE_TYPES } from '../call-rules.js';
import { ATTACHMENT_KINDS, DEFAULT_ATTACHMENTS, type TGrantCall } from '../call.js';
import { PUGLIA_2024_CALL } from '../seed-puglia-2024.js';

export function CallAdminListPage({ ctx, calls }: { ctx: TPageContext; calls: TGrantCall[] }) {
  return (
    <Layout ctx={ctx} title="Bandi">
      <h1>Bandi</h1>
      <p>
        <a class="btn btn-primary" href="/amministrazione/bandi/nuovo">
          Nuovo bando
        </a>
      </p>
      <p class="small">
        Il nuovo bando parte dai dati dell'avviso Puglia 2024 (DD n. 95 del 14/10/2024), da modificare.
      </p>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Bando</th>
            <th scope="col">Apertura</th>
            <th scope="col">Chiusura</th>
            <th scope="col" class="text-end">
              Dotazione
            </th>
            <th scope="col">Stato</th>
          </tr>
        </thead>
        <tbody>
          {calls.map((c) => (
            <tr>
              <td>
                <a href={`/amministrazione/bandi/${c.id}`} safe>
                  {c.title}
                </a>
                <div class="small text-muted" safe>
                  {c.code}
                </div>
              </td>
              <td safe>{formatDateTime(c.opensAt)}</td>
              <td safe>{formatDateTime(c.closesAt)}</td>
              <td class="text-end" safe>
                {formatEuro(c.budgetCents)}
              </td>
              <td>{c.published ? 'Pubblicato' : 'Bozza'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

const TYPE_LABEL = Object.fromEntries(PUGLIA_2024_CALL.oldApplianceTypes.map((t) => [t.id, t.label]));

export function CallFormPage({
  ctx,
  form,
  action,
  heading,
  publicCode,
}: {
  ctx: TPageContext;
  form: TFormState;
  action: string;
  heading: string;
  publicCode?: string;
}) {
  const labels: Record<string, string> = { ...CALL_LABELS, replacement: 'Tabella delle sostituzioni' };
  return (
    <Layout ctx={ctx} title={heading}>
      <h1 safe>{heading}</h1>
      {publicCode ? (
        <p>
          <a href={`/bandi/${encodeURIComponent(publicCode)}`}>Vedi la pagina pubblica</a>
        </p>
      ) : (
        ''
      )}
      <ErrorSummary form={form} labels={{}} />
      <RequiredNote />
      <form method="post" action={action} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <fieldset>
          <legend class="h4">Bando</legend>
          <TextField form={form} name="title" label={labels.title!} required />
          <TextField
            form={form}
            name="code"
            label={labels.code!}
            required
            hint="Compare nell'indirizzo /bandi/…"
          />
          <TextField form={form} name="protocol_prefix" label={labels.protocol_prefix!} required />
          <TextAreaField form={form} name="summary" label={labels.summary!} rows={4} />
          <TextAreaField form={form} name="how_to_apply" label={labels.how_to_apply!} rows={6} />
          <TextAreaField
            form={form}
            name="legal_references"
            label={labels.legal_references!}
            hint='Uno per riga, nella forma "DD n. 95 del 14/10/2024 - descrizione".'
            rows={4}
          />
          <TextAreaField
            form={form}
            name="municipalities"
            label={labels.municipalities!}
            required
            hint="Uno per riga."
            rows={8}
          />
        </fieldset>
        <fieldset>
          <legend class="h4">Dotazione e termini</legend>
          <TextField form={form} name="budget" label={labels.budget!} required inputmode="numeric" />
          <TextField form={form} name="opens_at" label={labels.opens_at!} required hint="Ora italiana." />
          <TextField form={form} name="closes_at" label={labels.closes_at!} required hint="Ora italiana." />
          <CheckboxField
            form={form}
            name="partial_funding"
            label={<span safe>{labels.partial_funding!}</span>}
          />
          <CheckboxField form={form} name="published" label={<span safe>{labels.published!}</span>} />
        </fieldset>
        <fieldset>
          <legend class="h4">Requisiti degli apparecchi</legend>
          <TextField form={form} name="old_max_stars" label={labels.old_max_stars!} required />
          <TextField form={form} name="old_max_kw" label={labels.old_max_kw!} required />
          <TextField form={form} name="new_required_stars" label={labels.new_required_stars!} required />
          <TextField form={form} name="new_max_kw" label={labels.new_max_kw!} required />
          <TextField form={form} name="gse_contract_from" label={labels.gse_contract_from!} required />
          <TextField form={form} name="termocucina_standards" label={labels.termocucina_standards!} />
        </fieldset>
        <fieldset>
          <legend class="h4">Contributo massimo per tipologia di nuovo impianto</legend>
          <p class="small">Lascia vuoto l'importo di una tipologia non ammessa dal bando.</p>
          {PUGLIA_2024_CALL.newApplianceTypes.map((t) => (
            <TextField form={form} name={`cap_${t.id}`} label={labels[`cap_${t.id}`]!} inputmode="numeric" />
          ))}
        </fieldset>
        <fieldset id="f-replacement">
          <legend class="h4">Tabella delle sostituzioni</legend>
          {form.errors.replacement ? (
            <p class="text-danger" safe>
              {form.errors.replacement}
            </p>
          ) : (
            ''
          )}
          <div class="table-responsive">
            <table class="table table-sm">
              <caption>Per ogni impianto sostituito (righe) i nuovi impianti ammessi (colonne).</caption>
              <thead>
                <tr>
                  <th scope="col">Impianto sostituito</th>
                  {NEW_APPLIANCE_TYPES.map((n) => (
                    <th scope="col" class="small" safe>
                      {TYPE_LABEL[n]!}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {OLD_APPLIANCE_TYPES.map((o) => (
                  <tr>
                    <th scope="row" class="small" safe>
                      {TYPE_LABEL[o]!}
                    </th>
                    {NEW_APPLIANCE_TYPES.map((n) => (
                      <td>
                        <input
                          type="checkbox"
                          name={`repl_${o}__${n}`}
                          value="1"
                          checked={form.values[`repl_${o}__${n}`] === '1'}
                          aria-label={`${TYPE_LABEL[o]} sostituito da ${TYPE_LABEL[n]}`}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </fieldset>
        <fieldset>
          <legend class="h4">Conto di tesoreria per i pagamenti</legend>
          <p class="small">
            Il conto addebitato dagli ordini di pagamento SEPA (pain.001). Se vuoto, il portale usa valori
            dimostrativi e lo segnala.
          </p>
          <TextField form={form} name="treasury_name" label={labels.treasury_name!} />
          <TextField form={form} name="treasury_iban" label={labels.treasury_iban!} />
          <TextField form={form} name="treasury_bic" label={labels.treasury_bic!} />
        </fieldset>
        <fieldset>
          <legend class="h4">Documenti da allegare</legend>
          {ATTACHMENT_KINDS.map((kind, i) => (
            <div class="border-bottom mb-3">
              <CheckboxField
                form={form}
                name={`att_${kind}_required`}
                label={<span safe>{`Allegato ${i + 1} obbligatorio`}</span>}
              />
              <TextField
                form={form}
                name={`att_${kind}_label`}
                label={`Descrizione dell'allegato ${i + 1}`}
                hint={DEFAULT_ATTACHMENTS[i]!.multiple ? 'Ammessi più file.' : undefined}
              />
            </div>
          ))}
        </fieldset>
        <button type="submit" class="btn btn-primary">
          Salva il bando
        </button>
      </form>
    </Layout>
  );
}
