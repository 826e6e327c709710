// /ufficio/domande/:id: the whole application (every Allegato A answer by section, attachments, history) and
// the officer's actions: integration request, the decision with its checklist, revocation.
import { formatArrival, formatDateTime } from '../../../../italian/dates.js';
import { formatEuro } from '../../../../italian/money.js';
import { type TFormState } from '../../../../layout/form-kit.js';
import { Layout, type TPageContext } from '../../../../layout/layout.js';
import { applicantSortName } from '../../application/allegato-a/answers.js';
import type { TApplication } from '../../application/queries.js';
import { type TGrantCall } from '../../calls/call.js';
import { type TCheckItem } from '../decision-rules.js';
import { SECOND_REQUEST_REFUSED } from '../integration-clock.js';
import { HISTORY_LABELS } from '../queries.js';
import {
  Answers,
  Attachments,
  IntegrationBox,
  type TFileRow,
  type THistoryRow,
} from './application-sections.js';
import { DecisionForm, IntegrationForm, RevocationForm } from './decision-forms.js';
import { FundingText, GrantStatusBadge, Problem } from './parts.js';

export type TOfficeForm = 'decision' | 'integration' | 'revocation';

/** The call's rules checked on the answers: what fails, in Italian. */
export type TOfficeEligibility = { ok: true } | { ok: false; failures: ReadonlyArray<{ message: string }> };

export function OfficeApplicationPage(p: {
  ctx: TPageContext;
  call: TGrantCall;
  app: TApplication;
  files: readonly TFileRow[];
  history: readonly THistoryRow[];
  eligibility: TOfficeEligibility;
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
              <td safe>{`${applicantSortName(app.answers)} (${app.answers.tax_code ?? ''})`}</td>
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
