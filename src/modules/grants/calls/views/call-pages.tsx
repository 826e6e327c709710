import { formatItalianDate, formatDateTime } from '../../../../italian/dates.js';
import { formatEuro } from '../../../../italian/money.js';
import type { TPageContext } from '../../../../layout/layout.js';
import { Layout } from '../../../../layout/layout.js';
import { callPhase, type TGrantCall } from '../call.js';
import type { TBudgetStatus } from '../queries.js';

const PHASE_TEXT = {
  not_yet_open: 'Non ancora aperto',
  open: 'Aperto',
  closed: 'Chiuso',
} as const;

function PhaseBadge({ call, now }: { call: TGrantCall; now: Date }) {
  const phase = callPhase(call, now);
  const cls = phase === 'open' ? 'bg-success' : phase === 'closed' ? 'bg-secondary' : 'bg-warning text-dark';
  return <span class={`badge ${cls}`}>{PHASE_TEXT[phase]}</span>;
}

export function CallListPage({ ctx, calls, now }: { ctx: TPageContext; calls: TGrantCall[]; now: Date }) {
  return (
    <Layout ctx={ctx} title="Bandi e contributi">
      <h1>Bandi e contributi</h1>
      {calls.length === 0 ? <p>Non ci sono bandi pubblicati.</p> : ''}
      <ul class="list-unstyled">
        {calls.map((c) => (
          <li class="mb-4">
            <h2 class="h4">
              <a href={`/bandi/${encodeURIComponent(c.code)}`} safe>
                {c.title}
              </a>
            </h2>
            <p class="mb-1">
              <PhaseBadge call={c} now={now} />{' '}
              <span safe>{`Domande dal ${formatDateTime(c.opensAt)} al ${formatDateTime(c.closesAt)}`}</span>
            </p>
          </li>
        ))}
      </ul>
      <p>
        <a href="/verifica-ricevuta">Verifica una ricevuta di presentazione</a>
      </p>
    </Layout>
  );
}

/** The figures the page shows and the JSON status returns: one shape, from the ledger. */
export function liveFigures(status: TBudgetStatus) {
  return {
    available: formatEuro(status.availableCents),
    availableCents: status.availableCents,
    reserved: formatEuro(status.reservedCents),
    budget: formatEuro(status.budgetCents),
    applications: String(status.applications),
    funded: String(status.funded),
    waiting: String(status.waiting),
  };
}

export function CallPage({
  ctx,
  call,
  status,
  now,
}: {
  ctx: TPageContext;
  call: TGrantCall;
  status: TBudgetStatus;
  now: Date;
}) {
  const f = liveFigures(status);
  const phase = callPhase(call, now);
  const oldLabel = (id: string) => call.rules.oldApplianceTypes.find((t) => t.id === id)?.label ?? id;
  const newLabel = (id: string) => call.rules.newApplianceTypes.find((t) => t.id === id)?.label ?? id;
  return (
    <Layout ctx={ctx} title={call.title}>
      <nav aria-label="Percorso di navigazione" class="breadcrumb-container">
        <ol class="breadcrumb">
          <li class="breadcrumb-item">
            <a href="/bandi">Bandi</a>
            <span class="separator">/</span>
          </li>
          <li class="breadcrumb-item active" aria-current="page" safe>
            {call.code}
          </li>
        </ol>
      </nav>
      <h1 class="h2" safe>
        {call.title}
      </h1>
      <p>
        <PhaseBadge call={call} now={now} />{' '}
        <span
          safe
        >{`Presentazione delle domande dal ${formatDateTime(call.opensAt)} al ${formatDateTime(call.closesAt)}`}</span>
      </p>
      <p safe>{call.summary}</p>

      <section
        class="card shadow-sm my-4"
        aria-labelledby="budget-title"
        data-live-status={`/bandi/${encodeURIComponent(call.code)}/stato.json`}
      >
        <div class="card-body">
          <h2 class="h4" id="budget-title">
            Disponibilità dei fondi
          </h2>
          <dl class="row mb-0" aria-live="polite">
            <dt class="col-sm-5">Fondi residui</dt>
            <dd class="col-sm-7 fs-4 fw-bold" id="fondi-residui" data-live-field="available" safe>
              {f.available}
            </dd>
            <dt class="col-sm-5">Dotazione del bando</dt>
            <dd class="col-sm-7" data-live-field="budget" safe>
              {f.budget}
            </dd>
            <dt class="col-sm-5">Domande presentate</dt>
            <dd class="col-sm-7" id="domande-presentate" data-live-field="applications" safe>
              {f.applications}
            </dd>
            <dt class="col-sm-5">Domande con fondi prenotati</dt>
            <dd class="col-sm-7" data-live-field="funded" safe>
              {f.funded}
            </dd>
            <dt class="col-sm-5">Domande in lista d'attesa</dt>
            <dd class="col-sm-7" data-live-field="waiting" safe>
              {f.waiting}
            </dd>
          </dl>
          <p class="small text-muted mb-0">
            I dati sono letti dal registro dei fondi aggiornato a ogni domanda; con JavaScript attivo la
            pagina si aggiorna da sola, altrimenti ricarica la pagina.
          </p>
        </div>
      </section>

      {phase === 'closed' ? (
        <p class="alert alert-secondary">Il termine per la presentazione delle domande è scaduto.</p>
      ) : (
        <p>
          <a class="btn btn-primary" href={`/bandi/${encodeURIComponent(call.code)}/domanda`}>
            Presenta domanda
          </a>
          {phase === 'not_yet_open' ? (
            <span class="ms-2" safe>
              {`Puoi preparare e salvare la domanda già ora; "Invia" funziona dal ${formatDateTime(call.opensAt)}.`}
            </span>
          ) : (
            ''
          )}
        </p>
      )}

      <h2 class="h4 mt-5">Come presentare la domanda</h2>
      <div class="text-pre-line" safe>
        {call.howToApply}
      </div>

      <h2 class="h4 mt-5">Comuni ammessi</h2>
      <ul class="row list-unstyled">
        {call.rules.municipalities.map((m) => (
          <li class="col-6 col-md-4" safe>
            {m}
          </li>
        ))}
      </ul>

      <h2 class="h4 mt-5">Contributo massimo per tipologia di nuovo impianto</h2>
      <table class="table table-sm">
        <caption>
          Il contributo è pari alla differenza tra la spesa ammissibile del GSE e il contributo GSE, fino al
          massimo indicato.
        </caption>
        <thead>
          <tr>
            <th scope="col">Tipologia nuovo impianto</th>
            <th scope="col" class="text-end">
              Contributo massimo
            </th>
          </tr>
        </thead>
        <tbody>
          {call.rules.newApplianceTypes.map((t) => (
            <tr>
              <td safe>{t.label}</td>
              <td class="text-end" safe>
                {formatEuro(t.capCents)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 class="h4 mt-5">Sostituzioni ammesse</h2>
      <table class="table table-sm">
        <thead>
          <tr>
            <th scope="col">Impianto sostituito</th>
            <th scope="col">Nuovo impianto ammesso</th>
          </tr>
        </thead>
        <tbody>
          {call.rules.replacementTable.map((r) => (
            <tr>
              <td safe>{r.oldTypes.map(oldLabel).join(', ')}</td>
              <td safe>{r.newTypes.map(newLabel).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p safe>
        {`Il vecchio apparecchio deve avere al massimo ${call.rules.oldMaxStars} stelle e ${call.rules.oldMaxKw} kW; il nuovo ${call.rules.newRequiredStars} stelle e al massimo ${call.rules.newMaxKw} kW. Contratto GSE (Conto Termico 2.0) dal ${formatItalianDate(call.rules.gseContractFrom)}. Non sono ammesse nuove installazioni.`}
      </p>

      <h2 class="h4 mt-5">Documenti da allegare</h2>
      <ol>
        {call.rules.attachments.map((a) => (
          <li safe>{a.label}</li>
        ))}
      </ol>

      <h2 class="h4 mt-5">Riferimenti normativi</h2>
      <ul>
        {call.rules.legalReferences.map((r) => (
          <li safe>{`${r.kind} n. ${r.number} del ${formatItalianDate(r.date)}: ${r.description}`}</li>
        ))}
      </ul>
      <p>
        <a href={`/bandi/${encodeURIComponent(call.code)}/pagamenti`}>Atti di liquidazione pubblicati</a> ·{' '}
        <a href="/verifica-ricevuta">Verifica una ricevuta</a>
      </p>
    </Layout>
  );
}
