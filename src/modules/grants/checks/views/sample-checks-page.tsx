// /ufficio/bandi/:callId/controlli: the sample checks of section 8 (3 % of the admitted applications, drawn
// with a recorded seed), their outcomes, and the verification that re-runs a draw with its seed.
import { formatDateTime } from '../../../../italian/dates.js';
import { CsrfField, ErrorSummary, fieldId, TextField, type TFormState } from '../../../../layout/form-kit.js';
import { DataTable } from '../../../../layout/data-table.js';
import { Layout, type TPageContext } from '../../../../layout/layout.js';
import { type TGrantCall } from '../../calls/call.js';
import { CallNav, CallPageHeader, Problem, TextAreaField } from '../../review/views/parts.js';
import type { TCheckRow, TStoredDraw } from '../queries.js';
import { CHECK_LABELS, SAMPLE_OUTCOMES } from '../record-sample-check.js';
import { SAMPLE_PERCENT, sampleSize } from '../sample-check-rules.js';

const OUTCOME_BADGE: Record<string, string> = {
  pending: 'bg-secondary',
  regular: 'bg-success',
  irregular: 'bg-danger',
};

/** Field keys of one check's form: several forms on the page post "outcome" and "note". */
export const checkKeys = (drawId: string, applicationId: string) => {
  const k = `${drawId}-${applicationId}`;
  return { outcome: `outcome-${k}`, note: `note-${k}` };
};

function OutcomeForm(p: { ctx: TPageContext; callId: string; check: TCheckRow; form: TFormState }) {
  const { check, form } = p;
  const keys = checkKeys(check.draw_id, check.application_id);
  const outcomeError = form.errors[keys.outcome];
  const current = form.values[keys.outcome] ?? (check.outcome === 'pending' ? '' : check.outcome);
  return (
    <form
      method="post"
      action={`/ufficio/bandi/${p.callId}/controlli/${check.draw_id}/${check.application_id}`}
      novalidate
    >
      <CsrfField token={p.ctx.csrfToken} />
      <fieldset
        id={fieldId(keys.outcome)}
        class="mb-2"
        aria-describedby={outcomeError ? `${fieldId(keys.outcome)}-error` : undefined}
      >
        <legend
          class="visually-hidden"
          safe
        >{`Esito del controllo della domanda ${check.protocol ?? ''}`}</legend>
        {Object.entries(SAMPLE_OUTCOMES).map(([value, label]) => (
          <div class="form-check form-check-inline">
            <input
              type="radio"
              id={`${fieldId(keys.outcome)}-${value}`}
              name="outcome"
              value={value}
              checked={current === value}
            />
            <label for={`${fieldId(keys.outcome)}-${value}`}>{label}</label>
          </div>
        ))}
        {outcomeError ? (
          <div id={`${fieldId(keys.outcome)}-error`} class="invalid-feedback d-block" safe>
            {outcomeError}
          </div>
        ) : (
          ''
        )}
      </fieldset>
      <TextAreaField
        form={{ values: { [keys.note]: form.values[keys.note] ?? check.note }, errors: form.errors }}
        name="note"
        fieldKey={keys.note}
        label="Nota (obbligatoria se irregolare)"
        rows={2}
      />
      <button type="submit" class="btn btn-sm btn-primary">
        <span safe>{`Registra l'esito per ${check.protocol ?? ''}`}</span>
      </button>
    </form>
  );
}

export function SamplesPage(p: {
  ctx: TPageContext;
  call: TGrantCall;
  admitted: number;
  draws: readonly TStoredDraw[];
  checks: readonly TCheckRow[];
  seedForm: TFormState;
  /** The check whose form had an error, with it. */
  checkForm?: { drawId: string; applicationId: string; form: TFormState } | undefined;
  problem?: string | undefined;
  canPay: boolean;
}) {
  const { call } = p;
  return (
    <Layout ctx={p.ctx} title={`Controlli a campione – ${call.title}`}>
      <CallPageHeader call={call} current="controlli" canPay={p.canPay} />
      <h2 class="h3">Controlli a campione</h2>
      <p safe>
        {`Le dichiarazioni delle domande ammesse sono controllate a campione nella misura del ${SAMPLE_PERCENT} % (arrotondato per eccesso). Domande ammesse ora: ${p.admitted}; il campione sarebbe di ${sampleSize(p.admitted)}.`}
      </p>
      <p>
        L'estrazione è riproducibile: il seme è registrato con l'elenco delle domande ammesse in ordine di
        arrivo, e chiunque ripeta l'estrazione con lo stesso seme e lo stesso elenco ottiene le stesse domande
        (SHA-256 del seme in modalità contatore, mescolamento di Fisher–Yates).
      </p>
      <Problem text={p.problem} />
      <ErrorSummary form={p.seedForm} labels={{ seed: 'Seme' }} />
      {p.checkForm ? <ErrorSummary form={p.checkForm.form} labels={{}} /> : ''}
      <form method="post" action={`/ufficio/bandi/${call.id}/controlli`} novalidate class="mb-5">
        <CsrfField token={p.ctx.csrfToken} />
        <TextField
          form={p.seedForm}
          name="seed"
          label="Seme dell'estrazione"
          hint="Lascia vuoto per un seme casuale, oppure scrivilo (ad esempio il numero di un atto o una data) per un'estrazione pubblica."
          maxlength={100}
        />
        <button type="submit" class="btn btn-primary">
          Estrai il campione
        </button>
      </form>

      {p.draws.length === 0 ? <p>Nessuna estrazione eseguita.</p> : ''}
      <>
        {p.draws.map((d) => {
          const checks = p.checks.filter((c) => c.draw_id === d.id);
          return (
            <section class="mb-5" aria-labelledby={`estrazione-${d.id}`}>
              <h3 class="h4" id={`estrazione-${d.id}`} safe>
                {`Estrazione del ${formatDateTime(d.drawnAt)}`}
              </h3>
              <dl class="row">
                <dt class="col-sm-4">Seme</dt>
                <dd class="col-sm-8">
                  <code safe>{d.seed}</code>
                </dd>
                <dt class="col-sm-4">Domande ammesse (popolazione)</dt>
                <dd class="col-sm-8" safe>
                  {String(d.population.length)}
                </dd>
                <dt class="col-sm-4">Estratte</dt>
                <dd class="col-sm-8" safe>
                  {`${d.selected.length} (${d.percent} % arrotondato per eccesso)`}
                </dd>
                <dt class="col-sm-4">Eseguita da</dt>
                <dd class="col-sm-8" safe>
                  {d.drawnBy}
                </dd>
              </dl>
              <p>
                <a href={`/ufficio/bandi/${call.id}/controlli/${d.id}/verifica`}>
                  Ripeti l'estrazione con lo stesso seme
                </a>
              </p>
              <DataTable
                caption={`Domande estratte il ${formatDateTime(d.drawnAt)}`}
                columns={['Protocollo', 'Richiedente', 'Esito', "Registra l'esito"]}
              >
                {checks.map((c) => {
                  const mine =
                    p.checkForm &&
                    p.checkForm.drawId === c.draw_id &&
                    p.checkForm.applicationId === c.application_id
                      ? p.checkForm.form
                      : { values: {}, errors: {} };
                  return (
                    <tr>
                      <td>
                        <a href={`/ufficio/domande/${c.application_id}`} safe>
                          {c.protocol ?? ''}
                        </a>
                      </td>
                      <td safe>{c.applicant}</td>
                      <td>
                        <span class={`badge ${OUTCOME_BADGE[c.outcome] ?? 'bg-secondary'}`} safe>
                          {CHECK_LABELS[c.outcome] ?? c.outcome}
                        </span>
                        {c.note ? (
                          <p class="small mb-0" safe>
                            {c.note}
                          </p>
                        ) : (
                          ''
                        )}
                        {c.recorded_at ? (
                          <p class="small mb-0" safe>
                            {`Registrato il ${formatDateTime(c.recorded_at)}`}
                          </p>
                        ) : (
                          ''
                        )}
                      </td>
                      <td>
                        <OutcomeForm ctx={p.ctx} callId={call.id} check={c} form={mine} />
                      </td>
                    </tr>
                  );
                })}
              </DataTable>
            </section>
          );
        })}
      </>
    </Layout>
  );
}

export function VerifyDrawPage(p: {
  ctx: TPageContext;
  call: TGrantCall;
  draw: TStoredDraw;
  recomputed: string[];
  matches: boolean;
  canPay: boolean;
}) {
  const { call, draw } = p;
  return (
    <Layout ctx={p.ctx} title={`Verifica dell'estrazione – ${call.title}`}>
      <p>
        <a href={`/ufficio/bandi/${call.id}/controlli`}>Torna ai controlli a campione</a>
      </p>
      <h1 class="h2">Verifica dell'estrazione</h1>
      <CallNav call={call} current="controlli" canPay={p.canPay} />
      <p>
        Seme <code safe>{draw.seed}</code>, <span safe>{`${draw.population.length} domande ammesse`}</span> in
        ordine di arrivo, <span safe>{`${draw.percent} %`}</span> arrotondato per eccesso.
      </p>
      {p.matches ? (
        <div class="alert alert-success" role="status">
          L'estrazione ripetuta con lo stesso seme dà le stesse domande, nello stesso ordine.
        </div>
      ) : (
        <div class="alert alert-danger" role="alert">
          L'estrazione ripetuta NON coincide con quella registrata.
        </div>
      )}
      <div class="row">
        <div class="col-md-6">
          <h2 class="h5">Estrazione registrata</h2>
          <ol>
            {draw.selected.map((s) => (
              <li safe>{s}</li>
            ))}
          </ol>
        </div>
        <div class="col-md-6">
          <h2 class="h5">Estrazione ripetuta ora</h2>
          <ol>
            {p.recomputed.map((s) => (
              <li safe>{s}</li>
            ))}
          </ol>
        </div>
      </div>
      <details class="mt-4">
        <summary>Elenco delle domande ammesse usato per l'estrazione (in ordine di arrivo)</summary>
        <ol>
          {draw.population.map((s) => (
            <li safe>{s}</li>
          ))}
        </ol>
      </details>
    </Layout>
  );
}
