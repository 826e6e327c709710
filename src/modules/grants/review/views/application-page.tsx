// /ufficio/domande/:id: the whole application (every Allegato A answer by section, attachments, history) and
// the officer's actions: integration request, the decision with its checklist, revocation.
import { formatArrival, formatDateTime } from '../../../../italian/dates.js';
import { formatEuro } from '../../../../italian/money.js';
import {
  CheckboxField,
  CsrfField,
  ErrorSummary,
  fieldId,
  TextField,
  type TFormState,
} from '../../../../layout/form-kit.js';
import { Layout, type TPageContext } from '../../../../layout/layout.js';
import {
  answerText,
  APPLICATION_LABELS,
  stepFields,
  type TApplicationValues,
  WIZARD_STEPS,
} from '../../application/application-data.js';
import type { TApplication } from '../../application/queries.js';
import { type TGrantCall } from '../../calls/call.js';
import type { TEligibilityResult } from '../../calls/eligibility.js';
import { decisionRefusal, REJECTION_CAUSES, type TCheckItem } from '../decision-rules.js';
import {
  EXPIRED_INTEGRATION_NOTE,
  integrationState,
  type TIntegrationState,
  SECOND_REQUEST_REFUSED,
  suspendedDays,
} from '../integration-clock.js';
import { HISTORY_LABELS } from '../queries.js';
import { FundingText, GrantStatusBadge, Problem, TextAreaField } from './parts.js';

export type TOfficeForm = 'decision' | 'integration' | 'revocation';

export type TFileRow = {
  kind: string;
  phase: string;
  file_id: string;
  filename: string;
  size_bytes: number;
  created_at: Date;
};

export type THistoryRow = { seq: number; action: string; actor_label: string; created_at: Date };

const group = (f: string) =>
  f.startsWith('new_') ? 'Nuovo apparecchio – ' : f.startsWith('old_') ? 'Apparecchio preesistente – ' : '';

const kb = (n: number) => `${Math.max(1, Math.round(n / 1024))} kB`;

export const DECISION_LABELS: Record<string, string> = {
  checklist: 'Verifiche',
  amount: 'Contributo ridotto',
  cause: 'Causa di non ammissione',
  note: 'Motivazione o nota',
  message: 'Integrazioni richieste',
  reason: 'Motivazione della revoca',
};

function Answers({ call, values }: { call: TGrantCall; values: TApplicationValues }) {
  return (
    <>
      {WIZARD_STEPS.filter((s) => s.schema).map((step) => (
        <section class="mb-4" aria-labelledby={`sez-${step.id}`}>
          <h3 class="h5" id={`sez-${step.id}`} safe>
            {`${step.n}. ${step.title}`}
          </h3>
          <dl class="row mb-0">
            {stepFields(step).map((f) => (
              <>
                <dt class="col-sm-5" safe>
                  {`${group(f)}${APPLICATION_LABELS[f as keyof typeof APPLICATION_LABELS] ?? f}`}
                </dt>
                <dd class="col-sm-7" safe>
                  {answerText(call, f, values) || '—'}
                </dd>
              </>
            ))}
          </dl>
        </section>
      ))}
    </>
  );
}

function Attachments({
  app,
  call,
  files,
}: {
  app: TApplication;
  call: TGrantCall;
  files: readonly TFileRow[];
}) {
  const link = (f: TFileRow) => (
    <li>
      <a href={`/ufficio/domande/${app.id}/allegati/${f.file_id}`}>
        <span safe>{f.filename}</span>
      </a>{' '}
      <small safe>{`(${kb(f.size_bytes)}, caricato il ${formatDateTime(f.created_at)})`}</small>
    </li>
  );
  const integration = files.filter((f) => f.phase === 'integration');
  return (
    <section class="mt-4" aria-labelledby="allegati">
      <h2 id="allegati" class="h4">
        Allegati
      </h2>
      <table class="table">
        <caption>Allegati della domanda (allegato A, "ALLEGA")</caption>
        <thead>
          <tr>
            <th scope="col">Documento</th>
            <th scope="col">File</th>
          </tr>
        </thead>
        <tbody>
          {call.rules.attachments.map((a) => {
            const mine = files.filter((f) => f.kind === a.kind && f.phase !== 'integration');
            return (
              <tr>
                <th scope="row" class="w-50" safe>
                  {a.label}
                </th>
                <td>
                  {mine.length === 0 ? (
                    <span class="text-danger">Non allegato</span>
                  ) : (
                    <ul class="list-unstyled mb-0">{mine.map(link)}</ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {integration.length > 0 ? (
        <>
          <h3 class="h5">Documenti inviati a integrazione</h3>
          <ul>{integration.map(link)}</ul>
        </>
      ) : (
        ''
      )}
    </section>
  );
}

function IntegrationBox({ app, now }: { app: TApplication; now: Date }) {
  const state = integrationState(app, now);
  if (state === 'none') return '';
  const text: Record<TIntegrationState, string> = {
    none: '',
    open: 'In attesa della risposta del richiedente.',
    overdue: `Termine scaduto senza risposta. ${EXPIRED_INTEGRATION_NOTE}`,
    answered: `Integrazione inviata dal richiedente il ${app.integrationAnsweredAt ? formatDateTime(app.integrationAnsweredAt) : ''}.`,
    expired: EXPIRED_INTEGRATION_NOTE,
  };
  return (
    <section class="mt-4" aria-labelledby="integrazione">
      <h2 id="integrazione" class="h4">
        Richiesta di integrazione
      </h2>
      <dl class="row">
        <dt class="col-sm-4">Richiesta il</dt>
        <dd class="col-sm-8">
          {app.integrationRequestedAt ? formatDateTime(app.integrationRequestedAt) : ''}
        </dd>
        <dt class="col-sm-4">Da inviare entro il</dt>
        <dd class="col-sm-8">{app.integrationDueAt ? formatDateTime(app.integrationDueAt) : ''}</dd>
        <dt class="col-sm-4">Messaggio al richiedente</dt>
        <dd class="col-sm-8" style="white-space: pre-line" safe>
          {app.integrationMessage ?? ''}
        </dd>
        <dt class="col-sm-4">Esito</dt>
        <dd class="col-sm-8" safe>
          {text[state]}
        </dd>
        <dt class="col-sm-4">Sospensione dei termini</dt>
        <dd class="col-sm-8" safe>
          {`${suspendedDays(app, now)} giorni (una sola volta, al massimo 30 giorni)`}
        </dd>
      </dl>
    </section>
  );
}

function DecisionForm(p: {
  ctx: TPageContext;
  app: TApplication;
  checklist: readonly TCheckItem[];
  form: TFormState;
}) {
  const { app, form } = p;
  const admitRefusal = decisionRefusal(app, 'admit');
  const causeError = form.errors.cause;
  const checklistError = form.errors.checklist;
  return (
    <section class="mt-5" aria-labelledby="decisione">
      <h2 id="decisione" class="h4">
        Esito dell'istruttoria
      </h2>
      <ErrorSummary form={form} labels={DECISION_LABELS} />
      <form method="post" action={`/ufficio/domande/${app.id}/decisione`} novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <fieldset
          class="mb-4"
          id={fieldId('checklist')}
          aria-describedby={checklistError ? `${fieldId('checklist')}-error` : undefined}
        >
          <legend class="h5">Verifiche dei requisiti e degli allegati</legend>
          <p class="small">
            Spunta ciò che hai verificato: le spunte sono registrate con la decisione. Per ammettere la
            domanda servono tutte.
          </p>
          {checklistError ? (
            <div id={`${fieldId('checklist')}-error`} class="invalid-feedback d-block mb-2" safe>
              {checklistError}
            </div>
          ) : (
            ''
          )}
          {p.checklist.map((i) => (
            <CheckboxField form={form} name={`check_${i.key}`} label={<span safe>{i.label}</span>} />
          ))}
        </fieldset>

        {admitRefusal ? (
          <div class="alert alert-warning" role="status">
            <strong>Ammissione non possibile ora.</strong> <span safe>{admitRefusal}</span>
          </div>
        ) : (
          ''
        )}

        <fieldset class="mb-4">
          <legend class="h5">Ammissione con importo ridotto</legend>
          <TextField
            form={form}
            name="amount"
            label="Contributo ridotto (€)"
            hint={`Inferiore al contributo richiesto (${formatEuro(app.requestedCents ?? 0)}) e ai fondi prenotati (${formatEuro(app.reservedCents)}); la differenza torna disponibile e va alle domande in lista d'attesa, nell'ordine di arrivo.`}
            inputmode="text"
            maxlength={20}
          />
        </fieldset>

        <fieldset
          class="mb-4"
          id={fieldId('cause')}
          aria-describedby={causeError ? `${fieldId('cause')}-error` : undefined}
        >
          <legend class="h5">Causa di non ammissione (punto 6 dell'avviso)</legend>
          {causeError ? (
            <div id={`${fieldId('cause')}-error`} class="invalid-feedback d-block mb-2" safe>
              {causeError}
            </div>
          ) : (
            ''
          )}
          {Object.entries(REJECTION_CAUSES).map(([key, text], i) => (
            <div class="form-check">
              <input
                type="radio"
                id={`${fieldId('cause')}-${key}`}
                name="cause"
                value={key}
                checked={form.values.cause === key}
              />
              <label for={`${fieldId('cause')}-${key}`}>
                <span safe>{`${i + 1}. ${text}`}</span>
              </label>
            </div>
          ))}
        </fieldset>

        <TextAreaField
          form={form}
          name="note"
          label="Motivazione o nota"
          hint="Obbligatoria per l'importo ridotto; per la non ammissione completa la causa. È comunicata al richiedente per e-mail."
        />

        <div class="d-flex flex-wrap gap-3">
          {admitRefusal ? (
            ''
          ) : (
            <>
              <button type="submit" name="decision" value="admit" class="btn btn-success">
                Ammetti
              </button>
              <button type="submit" name="decision" value="admit_reduced" class="btn btn-outline-success">
                Ammetti con importo ridotto
              </button>
            </>
          )}
          <button type="submit" name="decision" value="reject" class="btn btn-outline-danger">
            Non ammettere
          </button>
        </div>
      </form>
    </section>
  );
}

function IntegrationForm(p: { ctx: TPageContext; app: TApplication; form: TFormState }) {
  return (
    <section class="mt-5" aria-labelledby="richiedi-integrazione">
      <h2 id="richiedi-integrazione" class="h4">
        Richiedi integrazione
      </h2>
      <p>
        Il richiedente ha 10 giorni per rispondere; i termini sono sospesi una sola volta (al massimo 30
        giorni). Non possono essere richiesti a integrazione i documenti dell'allegato A non presentati con la
        domanda.
      </p>
      <ErrorSummary form={p.form} labels={DECISION_LABELS} />
      <form method="post" action={`/ufficio/domande/${p.app.id}/integrazione`} novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <TextAreaField
          form={p.form}
          name="message"
          label="Integrazioni richieste"
          hint="Il messaggio è inviato al richiedente per e-mail e compare sulla pagina della sua domanda."
          required
          rows={4}
        />
        <button type="submit" class="btn btn-primary">
          Richiedi integrazione
        </button>
      </form>
    </section>
  );
}

function RevocationForm(p: { ctx: TPageContext; app: TApplication; form: TFormState }) {
  return (
    <section class="mt-5" aria-labelledby="revoca">
      <h2 id="revoca" class="h4">
        Revoca il contributo
      </h2>
      <p>
        {p.app.paidAt
          ? 'Il contributo è già stato pagato: la revoca apre un recupero della somma, da seguire nella pagina "Revoche e recuperi".'
          : "Il contributo non è ancora stato pagato: i fondi tornano disponibili e vanno alle domande in lista d'attesa, nell'ordine di arrivo."}
      </p>
      <ErrorSummary form={p.form} labels={DECISION_LABELS} />
      <form method="post" action={`/ufficio/domande/${p.app.id}/revoca`} novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <TextAreaField
          form={p.form}
          name="reason"
          label="Motivazione della revoca"
          hint="Ad esempio: mancanza o venir meno dei requisiti di ammissibilità, gravi irregolarità nelle dichiarazioni (punto 9 dell'avviso). È comunicata al beneficiario."
          required
        />
        <button type="submit" class="btn btn-danger">
          Revoca il contributo
        </button>
      </form>
    </section>
  );
}

export function OfficeApplicationPage(p: {
  ctx: TPageContext;
  call: TGrantCall;
  app: TApplication;
  files: readonly TFileRow[];
  history: readonly THistoryRow[];
  eligibility: TEligibilityResult;
  checklist: readonly TCheckItem[];
  lastChecklist: { verificati: string[]; non_verificati: string[] } | undefined;
  recoveryCents: number | undefined;
  now: Date;
  form: TFormState;
  active: TOfficeForm;
  problem?: string | undefined;
}) {
  const { app, call } = p;
  const formFor = (which: TOfficeForm): TFormState =>
    p.active === which ? p.form : { values: {}, errors: {} };
  const labelOf = new Map(p.checklist.map((i) => [i.key, i.label]));
  return (
    <Layout ctx={p.ctx} title={`Domanda ${app.protocol ?? ''}`}>
      <p>
        <a href={`/ufficio/bandi/${call.id}/domande`}>Torna alle domande del bando</a>
      </p>
      <h1 class="h2" safe>{`Domanda ${app.protocol ?? ''}`}</h1>
      <p class="lead" safe>
        {call.title}
      </p>
      <Problem text={p.problem} />

      <section aria-labelledby="riepilogo">
        <h2 id="riepilogo" class="h4">
          Riepilogo
        </h2>
        <table class="table table-sm">
          <caption>Dati della domanda e stato dell'istruttoria</caption>
          <tbody>
            <tr>
              <th scope="row" class="w-50">
                Richiedente
              </th>
              <td
                safe
              >{`${app.data.last_name ?? ''} ${app.data.first_name ?? ''} (${app.data.tax_code ?? ''})`}</td>
            </tr>
            <tr>
              <th scope="row">Arrivo (ordine cronologico)</th>
              <td
                safe
              >{`${app.submittedAt ? formatArrival(app.submittedAt) : ''} – n. ${app.arrivalSeq ?? ''}`}</td>
            </tr>
            <tr>
              <th scope="row">Stato</th>
              <td>
                <GrantStatusBadge status={app.status} />
              </td>
            </tr>
            <tr>
              <th scope="row">Fondi</th>
              <td>
                <FundingText funding={app.funding} />
              </td>
            </tr>
            <tr>
              <th scope="row">Contributo richiesto</th>
              <td safe>{formatEuro(app.requestedCents ?? 0)}</td>
            </tr>
            <tr>
              <th scope="row">{app.status === 'admitted' ? 'Contributo concesso' : 'Fondi prenotati'}</th>
              <td safe>{formatEuro(app.reservedCents)}</td>
            </tr>
            {app.decidedAt ? (
              <tr>
                <th scope="row">Decisa il</th>
                <td safe>{formatDateTime(app.decidedAt)}</td>
              </tr>
            ) : (
              ''
            )}
            {app.decisionReason ? (
              <tr>
                <th scope="row">Motivazione</th>
                <td safe>{app.decisionReason}</td>
              </tr>
            ) : (
              ''
            )}
            {app.paidAt ? (
              <tr>
                <th scope="row">Pagata il</th>
                <td safe>{formatDateTime(app.paidAt)}</td>
              </tr>
            ) : (
              ''
            )}
            {app.revokedAt ? (
              <tr>
                <th scope="row">Revocata il</th>
                <td safe>{`${formatDateTime(app.revokedAt)}: ${app.revocationReason ?? ''}`}</td>
              </tr>
            ) : (
              ''
            )}
            {p.recoveryCents ? (
              <tr>
                <th scope="row">Somma da recuperare</th>
                <td safe>{formatEuro(p.recoveryCents)}</td>
              </tr>
            ) : (
              ''
            )}
          </tbody>
        </table>
      </section>

      <IntegrationBox app={app} now={p.now} />

      <section class="mt-4" aria-labelledby="verifiche-auto">
        <h2 id="verifiche-auto" class="h4">
          Verifiche automatiche dei requisiti
        </h2>
        {p.eligibility.ok ? (
          <p>Le risposte rispettano i requisiti di ammissibilità verificabili automaticamente.</p>
        ) : (
          <ul class="text-danger">
            {p.eligibility.failures.map((f) => (
              <li safe>{f.message}</li>
            ))}
          </ul>
        )}
      </section>

      <section class="mt-4" aria-labelledby="risposte">
        <h2 id="risposte" class="h4">
          Allegato A: le risposte
        </h2>
        <Answers call={call} values={app.data} />
      </section>

      <Attachments app={app} call={call} files={p.files} />

      {p.lastChecklist ? (
        <section class="mt-4" aria-labelledby="checklist-registrata">
          <h2 id="checklist-registrata" class="h4">
            Verifiche registrate con la decisione
          </h2>
          <ul>
            {p.lastChecklist.verificati.map((k) => (
              <li safe>{`Verificato: ${labelOf.get(k) ?? k}`}</li>
            ))}
            {p.lastChecklist.non_verificati.map((k) => (
              <li class="text-danger" safe>
                {`Non verificato: ${labelOf.get(k) ?? k}`}
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}

      {app.status === 'submitted' ? (
        app.integrationRequestedAt ? (
          <p class="mt-4" safe>
            {`L'integrazione è già stata richiesta il ${formatDateTime(app.integrationRequestedAt)}. ${SECOND_REQUEST_REFUSED}`}
          </p>
        ) : (
          <IntegrationForm ctx={p.ctx} app={app} form={formFor('integration')} />
        )
      ) : (
        ''
      )}
      {app.status === 'submitted' ? (
        <DecisionForm ctx={p.ctx} app={app} checklist={p.checklist} form={formFor('decision')} />
      ) : (
        ''
      )}
      {app.status === 'admitted' ? <RevocationForm ctx={p.ctx} app={app} form={formFor('revocation')} /> : ''}

      <section class="mt-5" aria-labelledby="storia">
        <h2 id="storia" class="h4">
          Cronologia
        </h2>
        {p.history.length === 0 ? (
          <p>Nessuna attività registrata.</p>
        ) : (
          <ol>
            {p.history.map((h) => (
              <li
                safe
              >{`${formatDateTime(h.created_at)} – ${HISTORY_LABELS[h.action] ?? h.action} (${h.actor_label})`}</li>
            ))}
          </ol>
        )}
      </section>
    </Layout>
  );
}
