// The citizen's submitted application (protocol, arrival, status, funding, receipt, integration,
// withdrawal), the list of their applications and the withdrawal confirmation.
import { formatArrival, formatDateTime } from '../../../../italian/dates.js';
import { formatEuro } from '../../../../italian/money.js';
import { CsrfField, ErrorSummary, FileField, type TFormState } from '../../../../layout/form-kit.js';
import { DataTable } from '../../../../layout/data-table.js';
import { Layout, type TPageContext } from '../../../../layout/layout.js';
import { type TGrantCall } from '../../calls/call.js';
import { INTEGRATION_FIELD } from '../answer-integration.js';
import type { TAttachmentRow } from '../attach-files.js';
import { FUNDING_LABELS, STATUS_LABELS, type TApplication } from '../queries.js';
import { withdrawalRefusal } from '../withdraw-application.js';
import { FileList } from './attachments-page.js';

function Breadcrumb({ current }: { current: string }) {
  return (
    <nav aria-label="Percorso di navigazione" class="breadcrumb-container">
      <ol class="breadcrumb">
        <li class="breadcrumb-item">
          <a href="/domande">Le mie domande di contributo</a>
          <span class="separator">/</span>
        </li>
        <li class="breadcrumb-item active" aria-current="page" safe>
          {current}
        </li>
      </ol>
    </nav>
  );
}

function fundingText(a: TApplication): string {
  return FUNDING_LABELS[a.funding];
}

function IntegrationBox(p: { ctx: TPageContext; a: TApplication; form: TFormState }) {
  const a = p.a;
  return (
    <section class="alert alert-warning" aria-labelledby="integrazione-titolo">
      <h2 class="h4" id="integrazione-titolo">
        Integrazione richiesta
      </h2>
      <p class="mb-1">L'ufficio chiede di integrare la domanda:</p>
      <blockquote class="border-start ps-3 mb-2" safe>
        {a.integrationMessage ?? ''}
      </blockquote>
      {a.integrationDueAt ? (
        <p class="fw-semibold" safe>
          {`Da inviare entro il ${formatDateTime(a.integrationDueAt)}. Se non la invii, la domanda sarà valutata con i documenti già presentati.`}
        </p>
      ) : (
        ''
      )}
      <ErrorSummary form={p.form} labels={{}} />
      <form method="post" action={`/domande/${a.id}/integrazione`} enctype="multipart/form-data" novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <FileField
          form={p.form}
          name={INTEGRATION_FIELD}
          label="Documenti integrativi"
          hint="PDF, JPEG o PNG, massimo 5 MB ciascuno; puoi scegliere più file"
          accept="application/pdf,image/jpeg,image/png"
          multiple
          required
        />
        <button type="submit" class="btn btn-primary">
          Invia integrazione
        </button>
      </form>
    </section>
  );
}

export function ApplicationPage(p: {
  ctx: TPageContext;
  call: TGrantCall;
  application: TApplication;
  files: readonly TAttachmentRow[];
  integrationForm: TFormState;
  /** Right after "Invia" (the redirect says so, instead of a flash stored in the session). */
  justSubmitted?: boolean;
}) {
  const a = p.application;
  const canWithdraw = withdrawalRefusal(a) === undefined;
  return (
    <Layout ctx={p.ctx} title={`Domanda ${a.protocol ?? ''}`}>
      <Breadcrumb current={`Domanda ${a.protocol ?? ''}`} />
      <p class="mb-1 text-secondary" safe>
        {p.call.title}
      </p>
      <h1 class="h2" safe>
        {`Domanda di contributo n. ${a.protocol ?? ''}`}
      </h1>
      {p.justSubmitted ? (
        <div class="alert alert-success" role="status">
          <span safe>{`Domanda inviata: protocollo ${a.protocol ?? ''}. Conserva la ricevuta.`}</span>
        </div>
      ) : (
        ''
      )}
      {a.status === 'integration_requested' ? (
        <IntegrationBox ctx={p.ctx} a={a} form={p.integrationForm} />
      ) : (
        ''
      )}
      <dl class="row" data-live-status={`/domande/${a.id}/stato.json`} aria-live="polite">
        <dt class="col-sm-4">Numero di protocollo</dt>
        <dd class="col-sm-8" id="protocollo" safe>
          {a.protocol ?? ''}
        </dd>
        <dt class="col-sm-4">Data e ora di arrivo</dt>
        <dd class="col-sm-8">{a.submittedAt ? `${formatArrival(a.submittedAt)} (ora italiana)` : ''}</dd>
        <dt class="col-sm-4">Numero d'ordine di arrivo</dt>
        <dd class="col-sm-8" safe>
          {a.arrivalSeq === null ? '' : String(a.arrivalSeq)}
        </dd>
        <dt class="col-sm-4">Stato della domanda</dt>
        <dd class="col-sm-8" id="stato" data-live-field="status" safe>
          {STATUS_LABELS[a.status]}
        </dd>
        <dt class="col-sm-4">Fondi</dt>
        <dd class="col-sm-8 fw-semibold" id="fondi" data-live-field="funding" safe>
          {fundingText(a)}
        </dd>
        <dt class="col-sm-4">Contributo regionale richiesto</dt>
        <dd class="col-sm-8" safe>
          {a.requestedCents === null ? '' : formatEuro(a.requestedCents)}
        </dd>
        <dt class="col-sm-4">Importo prenotato</dt>
        <dd class="col-sm-8" safe>
          {formatEuro(a.reservedCents)}
        </dd>
        <dt class="col-sm-4">Codice di verifica</dt>
        <dd class="col-sm-8" safe>
          {a.verificationCode ?? ''}
        </dd>
        {a.decisionReason ? (
          <>
            <dt class="col-sm-4">Motivazione della decisione</dt>
            <dd class="col-sm-8" safe>
              {a.decisionReason}
            </dd>
          </>
        ) : (
          ''
        )}
        {a.withdrawnAt ? (
          <>
            <dt class="col-sm-4">Ritirata il</dt>
            <dd class="col-sm-8" safe>
              {formatDateTime(a.withdrawnAt)}
            </dd>
          </>
        ) : (
          ''
        )}
      </dl>
      {a.funding === 'pending' ? (
        <p class="small">
          I fondi sono assegnati secondo l'ordine di arrivo, di norma entro pochi secondi: ricarica la pagina
          per vedere l'esito.
        </p>
      ) : (
        ''
      )}
      <p>
        <a class="btn btn-primary" href={`/domande/${a.id}/ricevuta.pdf`}>
          Scarica la ricevuta (PDF)
        </a>
      </p>
      <p class="small">
        Chiunque può verificare la ricevuta con il codice di verifica alla pagina{' '}
        <a href="/verifica-ricevuta">Verifica una ricevuta</a>.
      </p>
      <h2 class="h4 mt-4">Documenti allegati</h2>
      <div>
        {p.call.rules.attachments.map((r, i) => (
          <div class="mb-2">
            <h3 class="h6 mb-1" safe>
              {`${i + 1}. ${r.label}`}
            </h3>
            <FileList
              applicationId={a.id}
              files={p.files.filter((f) => f.kind === r.kind && f.phase === 'application')}
              label={`allegato ${i + 1}`}
            />
          </div>
        ))}
      </div>
      {p.files.some((f) => f.phase === 'integration') ? (
        <div class="mb-2">
          <h3 class="h6 mb-1">Documenti integrativi</h3>
          <FileList
            applicationId={a.id}
            files={p.files.filter((f) => f.phase === 'integration')}
            label="integrazione"
          />
        </div>
      ) : (
        ''
      )}
      {canWithdraw ? (
        <section class="mt-5">
          <h2 class="h4">Ritiro della domanda</h2>
          <p>
            Puoi rinunciare al contributo ritirando la domanda: i fondi eventualmente prenotati tornano
            disponibili per le domande successive.
          </p>
          <a class="btn btn-outline-danger" href={`/domande/${a.id}/ritira`}>
            Ritira la domanda
          </a>
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}

export function WithdrawConfirmPage(p: { ctx: TPageContext; call: TGrantCall; application: TApplication }) {
  const a = p.application;
  return (
    <Layout ctx={p.ctx} title="Ritira la domanda">
      <Breadcrumb current="Ritira la domanda" />
      <h1 class="h2">Ritira la domanda</h1>
      <p safe>{`Stai per ritirare la domanda n. ${a.protocol ?? ''} sul bando «${p.call.title}».`}</p>
      <div class="alert alert-warning" role="note">
        Il ritiro è definitivo: la domanda perde il suo posto nell'ordine di arrivo e i fondi eventualmente
        prenotati passano alle domande in lista d'attesa.
      </div>
      <form method="post" action={`/domande/${a.id}/ritira`}>
        <CsrfField token={p.ctx.csrfToken} />
        <div class="d-flex flex-wrap gap-2">
          <button type="submit" class="btn btn-danger">
            Conferma il ritiro
          </button>
          <a class="btn btn-outline-primary" href={`/domande/${a.id}`}>
            Annulla
          </a>
        </div>
      </form>
    </Layout>
  );
}

export type TMyApplicationRow = {
  id: string;
  callTitle: string;
  protocol: string | null;
  status: TApplication['status'];
  funding: TApplication['funding'];
  submittedAt: Date | null;
};

export function MyApplicationsPage({ ctx, rows }: { ctx: TPageContext; rows: readonly TMyApplicationRow[] }) {
  return (
    <Layout ctx={ctx} title="Le mie domande di contributo">
      <h1 class="h2">Le mie domande di contributo</h1>
      {rows.length === 0 ? (
        <p>
          Non hai ancora domande. Trovi i bandi aperti nella pagina <a href="/bandi">Bandi e contributi</a>.
        </p>
      ) : (
        <DataTable
          caption="Domande presentate o in compilazione"
          columns={['Bando', 'Protocollo', 'Arrivo', 'Stato', 'Fondi']}
          responsive
        >
          {rows.map((r) => (
            <tr>
              <td>
                <a href={`/domande/${r.id}`}>
                  <span safe>{r.callTitle}</span>
                </a>
              </td>
              <td safe>{r.protocol ?? '—'}</td>
              <td>{r.submittedAt ? formatArrival(r.submittedAt) : '—'}</td>
              <td safe>{STATUS_LABELS[r.status]}</td>
              <td safe>{FUNDING_LABELS[r.funding]}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <p>
        <a href="/bandi">Bandi e contributi</a>
      </p>
    </Layout>
  );
}
