// The sections of the officer's page of an application: the answers of Allegato A, the attachments, the
// integration request and its clock.
import { formatDateTime } from '../../../../italian/dates.js';
import { type TApplicationDraft } from '../../application/allegato-a/allegato-a.js';
import { WIZARD_STEPS } from '../../application/allegato-a/steps.js';
import type { TApplication } from '../../application/queries.js';
import { AnswerList } from '../../application/views/answers-list.js';
import { type TGrantCall } from '../../calls/call.js';
import {
  EXPIRED_INTEGRATION_NOTE,
  integrationState,
  type TIntegrationState,
  suspendedDays,
} from '../integration-clock.js';

export type TFileRow = {
  kind: string;
  phase: string;
  file_id: string;
  filename: string;
  size_bytes: number;
  created_at: Date;
};

export type THistoryRow = { seq: number; action: string; actor_label: string; created_at: Date };

const kb = (n: number) => `${Math.max(1, Math.round(n / 1024))} kB`;

export function Answers({ call, values }: { call: TGrantCall; values: TApplicationDraft }) {
  return (
    <>
      {WIZARD_STEPS.filter((s) => s.schema).map((step) => (
        <section class="mb-4" aria-labelledby={`sez-${step.id}`}>
          <h3 class="h5" id={`sez-${step.id}`} safe>
            {`${step.n}. ${step.title}`}
          </h3>
          <AnswerList call={call} values={values} step={step} />
        </section>
      ))}
    </>
  );
}

export function Attachments({
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

export function IntegrationBox({ app, now }: { app: TApplication; now: Date }) {
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
