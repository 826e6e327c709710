// The public check of a receipt by its verification code: protocol, call, arrival, status. No names,
// no codice fiscale, no amounts: only what proves that the receipt is genuine.
import { formatArrival } from '../../../../italian/dates.js';
import { TextField, type TFormState } from '../../../../layout/form-kit.js';
import { Layout, type TPageContext } from '../../../../layout/layout.js';
import { STATUS_LABELS, type TApplicationStatus } from '../queries.js';

export type TVerifiedReceipt = {
  protocol: string;
  callTitle: string;
  submittedAt: Date | null;
  status: TApplicationStatus;
};

export function VerifyReceiptPage(p: {
  ctx: TPageContext;
  form: TFormState;
  result?: TVerifiedReceipt | undefined;
  notFound?: boolean;
}) {
  const r = p.result;
  return (
    <Layout ctx={p.ctx} title="Verifica una ricevuta">
      <h1 class="h2">Verifica una ricevuta di presentazione</h1>
      <p>
        Inserisci il codice di verifica stampato sulla ricevuta (12 caratteri, ad esempio K7QM-2XHD-9PRA) per
        controllare che la domanda sia registrata. La pagina non mostra dati personali.
      </p>
      <form method="get" action="/verifica-ricevuta" novalidate>
        <TextField
          form={p.form}
          name="codice"
          label="Codice di verifica"
          hint="12 caratteri, con o senza trattini"
          required
          maxlength={20}
        />
        <button type="submit" class="btn btn-primary">
          Verifica
        </button>
      </form>
      {r ? (
        <section class="alert alert-success mt-4" role="status" aria-labelledby="esito-verifica">
          <h2 class="h4" id="esito-verifica">
            Ricevuta valida
          </h2>
          <dl class="row mb-0">
            <dt class="col-sm-4">Numero di protocollo</dt>
            <dd class="col-sm-8" safe>
              {r.protocol}
            </dd>
            <dt class="col-sm-4">Bando</dt>
            <dd class="col-sm-8" safe>
              {r.callTitle}
            </dd>
            <dt class="col-sm-4">Data e ora di arrivo</dt>
            <dd class="col-sm-8">{r.submittedAt ? `${formatArrival(r.submittedAt)} (ora italiana)` : ''}</dd>
            <dt class="col-sm-4">Stato della domanda</dt>
            <dd class="col-sm-8" safe>
              {STATUS_LABELS[r.status]}
            </dd>
          </dl>
        </section>
      ) : (
        ''
      )}
      {p.notFound ? (
        <div class="alert alert-danger mt-4" role="alert">
          Nessuna domanda corrisponde a questo codice di verifica. Controlla di averlo copiato esattamente
          come appare sulla ricevuta.
        </div>
      ) : (
        ''
      )}
    </Layout>
  );
}
