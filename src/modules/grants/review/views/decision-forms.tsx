// The officer's forms on an application's page: the decision with its checklist, the integration request,
// the revocation.
import { formatEuro } from '../../../../italian/money.js';
import {
  CheckboxField,
  CsrfField,
  ErrorSummary,
  fieldId,
  TextField,
  type TFormState,
} from '../../../../layout/form-kit.js';
import { type TPageContext } from '../../../../layout/layout.js';
import type { TApplication } from '../../application/queries.js';
import { decisionRefusal, REJECTION_CAUSES, type TCheckItem } from '../decision-rules.js';
import { TextAreaField } from './parts.js';

export const DECISION_LABELS: Record<string, string> = {
  checklist: 'Verifiche',
  amount: 'Contributo ridotto',
  cause: 'Causa di non ammissione',
  note: 'Motivazione o nota',
  message: 'Integrazioni richieste',
  reason: 'Motivazione della revoca',
};

export function DecisionForm(p: {
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

export function IntegrationForm(p: { ctx: TPageContext; app: TApplication; form: TFormState }) {
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

export function RevocationForm(p: { ctx: TPageContext; app: TApplication; form: TFormState }) {
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
