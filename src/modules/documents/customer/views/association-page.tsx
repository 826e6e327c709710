import {
  CsrfField,
  ErrorSummary,
  RadioField,
  RequiredNote,
  TextField,
  type TFormState,
} from '../../../../layout/form-kit.js';
import { Layout, type TPageContext } from '../../../../layout/layout.js';
import { CUSTOMER_TYPE_LABELS, type TCustomerType } from '../../customer-types.js';
import type { TLinkedCustomer } from '../associate-customer.js';

const LABELS: Record<string, string> = {
  customer_name: 'Nome cliente',
  customer_type: 'Tipo utenza',
  customer_code: 'Codice cliente',
  tax_code: 'Codice fiscale o partita IVA',
};

export function AssociationPage({
  ctx,
  form,
  customers,
  problem,
}: {
  ctx: TPageContext;
  form: TFormState;
  customers: ReadonlyArray<TLinkedCustomer & { unread: number }>;
  problem?: string | undefined;
}) {
  return (
    <Layout ctx={ctx} title="Associazione cliente">
      <h1>Associazione cliente</h1>
      <p>
        Associa al tuo account l'utenza riportata in bolletta: poi trovi qui il collegamento all'area cliente
        con i documenti. Puoi associare più clienti allo stesso account.
      </p>
      {customers.length > 0 ? (
        <section class="mb-5" aria-labelledby="clienti-associati">
          <h2 id="clienti-associati" class="h4">
            I tuoi clienti
          </h2>
          <ul class="list-unstyled">
            {customers.map((c) => (
              <li class="mb-2">
                <a
                  href={`/area-clienti/clienti/${c.id}/documenti`}
                  target="_blank"
                  rel="noopener"
                  aria-describedby="nuova-scheda"
                >
                  Area cliente <span safe>{c.name}</span> (codice <span safe>{c.customer_code}</span>)
                </a>
                <span class="small ms-2" safe>
                  {c.unread === 0
                    ? 'nessun documento da leggere'
                    : c.unread === 1
                      ? '1 documento da leggere'
                      : `${c.unread} documenti da leggere`}
                </span>
              </li>
            ))}
          </ul>
          <p id="nuova-scheda" class="small">
            L'area cliente si apre in una nuova scheda.
          </p>
        </section>
      ) : (
        ''
      )}
      <h2 class="h4">Associa un cliente</h2>
      {problem ? (
        <div class="alert alert-danger" role="alert" id="association-problem">
          <span safe>{problem}</span>
        </div>
      ) : (
        ''
      )}
      <ErrorSummary form={form} labels={LABELS} />
      <form method="post" action="/area-clienti/associazione" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <RequiredNote />
        <TextField
          form={form}
          name="customer_name"
          label="Nome cliente"
          hint="Come è scritto in bolletta."
          required
          autocomplete="off"
        />
        <RadioField
          form={form}
          name="customer_type"
          label="Tipo utenza"
          required
          options={(Object.keys(CUSTOMER_TYPE_LABELS) as TCustomerType[]).map((v) => ({
            value: v,
            label: CUSTOMER_TYPE_LABELS[v],
          }))}
        />
        <TextField
          form={form}
          name="customer_code"
          label="Codice cliente"
          hint="Il codice presente sulle bollette."
          required
          autocomplete="off"
        />
        <TextField
          form={form}
          name="tax_code"
          label="Codice fiscale o partita IVA"
          required
          autocomplete="off"
        />
        <button type="submit" class="btn btn-primary">
          Associa
        </button>
      </form>
    </Layout>
  );
}
