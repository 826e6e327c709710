import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TAppDeps } from '../../app-deps.js';
import {
  CHECK_CODE_FIELDS,
  CHECK_CODE_MESSAGE,
  createCheckChallenge,
  verifyCheckCode,
} from '../../auth/check-code.js';
import { NotFoundError, ValidationError } from '../../http/errors.js';
import { formFiles, formValues, parseForm } from '../../http/forms.js';
import {
  actorOf,
  pageContext,
  requirePermission,
  requireUser,
  sendHtml,
  setFlash,
  type TSessionUi,
} from '../../http/request-context.js';
import { DATE_FORMAT_MESSAGE, parseItalianDate } from '../../italian/dates.js';
import { emptyForm, type TFormState } from '../../layout/form-kit.js';
import { devSmsRoutes } from '../../sms/dev-routes.js';
import { NEW_PASSWORD_CONFIRMATIONS, ZNewPassword } from '../accounts/schemas.js';
import { createCustomerAccount } from './account-create.js';
import {
  openPasswordLink,
  requestPasswordResetLink,
  setPasswordWithLink,
  type TPasswordLinkPurpose,
} from './account-password-link.js';
import { apiActorOf, requireApiToken } from './api-tokens.js';
import {
  AssociationError,
  associateCustomer,
  findLinkedCustomer,
  listLinkedCustomers,
} from './associate-customer.js';
import {
  customerDocumentTypes,
  DOCUMENTS_PAGE_SIZE,
  searchCustomerDocuments,
  type TDocumentFilter,
  unreadCount,
} from './customer-documents.js';
import {
  CREATE_ACCOUNT_CONFIRMATIONS,
  ZAssociation,
  ZCreateAccount,
  ZForgotPassword,
} from './customer-schemas.js';
import {
  attachmentHeader,
  downloadDocument,
  selectDocumentsForZip,
  streamDocumentsZip,
} from './download-documents.js';
import { importCustomersCsv, importCustomersJson, type TImportResult } from './import-customers.js';
import {
  AccountCreatedPage,
  CreateAccountPage,
  ForgotPasswordPage,
  SetPasswordPage,
} from './views/customer-account-pages.js';
import { AssociationPage } from './views/customer-association-page.js';
import { CustomerDocumentsPage } from './views/customer-documents-page.js';
import { CustomerImportPage } from './views/customer-import-page.js';
import { isUuid } from '../../http/ids.js';
import { tenantBaseUrl } from '../../tenancy/tenant.js';

declare module 'fastify' {
  interface Session {
    /** The e-mail of the account just created in the customer area, for the confirmation page. */
    customerAccountEmail?: string;
  }
}

const AFTER_LOGIN = '/area-clienti/associazione';

/** Where each password link leads: the page address and the purpose of its one-time code. */
const PASSWORD_LINKS: Record<string, TPasswordLinkPurpose> = {
  '/area-clienti/attiva': 'account_activation',
  '/area-clienti/nuova-password': 'password_reset_link',
};

/** Re-shows the form with the typed values when a use case refuses the input. */
function withErrors(form: TFormState, err: unknown): TFormState {
  if (err instanceof ValidationError)
    return { values: form.values, errors: { ...form.errors, ...err.fieldErrors } };
  throw err;
}

/** The search of the download page from the query string; wrong dates are reported and ignored. */
function readSearch(query: unknown, types: readonly string[]) {
  const q = (query ?? {}) as Record<string, unknown>;
  const str = (k: string, max: number) => (typeof q[k] === 'string' ? q[k].trim().slice(0, max) : '');
  const values = { tipo: str('tipo', 60), dal: str('dal', 10), al: str('al', 10), q: str('q', 100) };
  const errors: Record<string, string> = {};
  const from = values.dal ? parseItalianDate(values.dal) : undefined;
  const to = values.al ? parseItalianDate(values.al) : undefined;
  if (values.dal && !from) errors.dal = DATE_FORMAT_MESSAGE;
  if (values.al && !to) errors.al = DATE_FORMAT_MESSAGE;
  if (from && to && from > to) errors.al = 'La data «Al» non può precedere la data «Dal».';
  const filter: TDocumentFilter = {
    docType: types.includes(values.tipo) ? values.tipo : null,
    from: errors.dal ? null : (from ?? null),
    to: errors.al ? null : (to ?? null),
    text: values.q || null,
  };
  const page = Math.max(1, Math.min(100_000, Number.parseInt(str('pagina', 6), 10) || 1));
  const kept = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== '')).toString();
  return { form: { values, errors }, filter, page, query: kept };
}

/** Customers' side of the document area (seed 004): account, association, documents, master data. */
export async function documentsCustomerRoutes(app: FastifyInstance, deps: TAppDeps & { ui: TSessionUi }) {
  const secret = deps.config.appSecret;
  const ctx = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, deps.ui);
  const check = () => createCheckChallenge(secret, deps.now());
  const strict = { config: { rateLimit: { max: deps.config.rateLimitPerMinute, timeWindow: 60_000 } } };
  const linkBase = (req: FastifyRequest) => tenantBaseUrl(deps.config, req.tenant);
  const checkCodeError = async (form: TFormState): Promise<TFormState> =>
    (await verifyCheckCode(deps.db, secret, form.values, deps.now()))
      ? form
      : { ...form, errors: { ...form.errors, [CHECK_CODE_FIELDS.answer]: CHECK_CODE_MESSAGE } };

  if (deps.config.env !== 'production') await app.register(devSmsRoutes, deps);

  app.get('/area-clienti', async (_req, reply) => reply.redirect(AFTER_LOGIN));

  // crea account ------------------------------------------------------------------------------------------
  app.get('/area-clienti/crea-account', async (req, reply) =>
    sendHtml(reply, <CreateAccountPage ctx={ctx(req, reply)} form={emptyForm()} check={await check()} />),
  );

  app.post('/area-clienti/crea-account', strict, async (req, reply) => {
    const parsed = parseForm(ZCreateAccount, req.body, CREATE_ACCOUNT_CONFIRMATIONS);
    let form = await checkCodeError(parsed.ok ? emptyForm(parsed.values) : parsed.form);
    if (parsed.ok && Object.keys(form.errors).length === 0) {
      try {
        await createCustomerAccount(
          deps,
          req.tenant,
          {
            firstName: parsed.data.first_name,
            lastName: parsed.data.last_name,
            email: parsed.data.email,
            mobile: parsed.data.mobile,
          },
          actorOf(req),
          linkBase(req),
        );
        req.session.tenantId = req.tenant.id;
        req.session.customerAccountEmail = parsed.data.email;
        return reply.redirect('/area-clienti/account-creato', 303);
      } catch (err) {
        form = withErrors(form, err);
      }
    }
    return sendHtml(
      reply,
      <CreateAccountPage ctx={ctx(req, reply)} form={form} check={await check()} />,
      422,
    );
  });

  app.get('/area-clienti/account-creato', async (req, reply) => {
    const email = req.session.customerAccountEmail;
    if (!email) return reply.redirect('/area-clienti/crea-account');
    return sendHtml(reply, <AccountCreatedPage ctx={ctx(req, reply)} email={email} />);
  });

  // Imposta la password (activation and reset links) -----------------------------------------------------------
  for (const [path, purpose] of Object.entries(PASSWORD_LINKS)) {
    const show = async (
      req: FastifyRequest,
      reply: FastifyReply,
      token: string,
      form: TFormState,
      status = 200,
    ) => {
      // An unknown, expired or used link: PasswordLinkError, an Italian page with status 410.
      const { email } = await openPasswordLink(deps, req.tenant, purpose, token);
      return sendHtml(
        reply,
        <SetPasswordPage ctx={ctx(req, reply)} form={form} action={path} token={token} email={email} />,
        status,
      );
    };

    app.get(path, async (req, reply) => {
      const token = String((req.query as Record<string, unknown>).token ?? '').slice(0, 200);
      return show(req, reply, token, emptyForm());
    });

    app.post(path, strict, async (req, reply) => {
      const token = (formValues(req.body).token ?? '').slice(0, 200);
      const parsed = parseForm(ZNewPassword, req.body, NEW_PASSWORD_CONFIRMATIONS);
      let form = parsed.ok ? emptyForm() : { values: {}, errors: parsed.form.errors };
      if (parsed.ok) {
        try {
          await setPasswordWithLink(
            deps,
            req.tenant,
            purpose,
            { token, newPassword: parsed.data.new_password },
            actorOf(req),
          );
          if (req.user) await req.session.regenerate();
          setFlash(req, {
            kind: 'success',
            text:
              purpose === 'account_activation'
                ? 'Account attivato e password impostata: ora puoi entrare con il tuo indirizzo e-mail.'
                : 'Nuova password impostata: ora puoi entrare con il tuo indirizzo e-mail.',
          });
          return reply.redirect(`/accesso?next=${encodeURIComponent(AFTER_LOGIN)}`, 303);
        } catch (err) {
          form = withErrors(form, err);
        }
      }
      return show(req, reply, token, form, 422);
    });
  }

  // Password dimenticata -------------------------------------------------------------------------------------
  app.get('/area-clienti/password-dimenticata', async (req, reply) => {
    const sent = (req.query as Record<string, unknown>).inviata === '1';
    return sendHtml(
      reply,
      <ForgotPasswordPage ctx={ctx(req, reply)} form={emptyForm()} check={await check()} sent={sent} />,
    );
  });

  app.post('/area-clienti/password-dimenticata', strict, async (req, reply) => {
    const parsed = parseForm(ZForgotPassword, req.body);
    const form = await checkCodeError(parsed.ok ? emptyForm(parsed.values) : parsed.form);
    if (parsed.ok && Object.keys(form.errors).length === 0) {
      await requestPasswordResetLink(deps, req.tenant, parsed.data.email, actorOf(req), linkBase(req));
      return reply.redirect('/area-clienti/password-dimenticata?inviata=1', 303);
    }
    return sendHtml(
      reply,
      <ForgotPasswordPage ctx={ctx(req, reply)} form={form} check={await check()} sent={false} />,
      422,
    );
  });

  // associazione cliente ---------------------------------------------------------------------------------------
  async function associationPage(
    req: FastifyRequest,
    reply: FastifyReply,
    form: TFormState,
    problem?: string,
    status = 200,
  ) {
    const linked = await listLinkedCustomers(deps.db, req.tenant.id, req.user!.id);
    const customers = await Promise.all(
      linked.map(async (c) => ({ ...c, unread: await unreadCount(deps.db, req.tenant.id, c.id) })),
    );
    return sendHtml(
      reply,
      <AssociationPage ctx={ctx(req, reply)} form={form} customers={customers} problem={problem} />,
      status,
    );
  }

  app.get('/area-clienti/associazione', { preHandler: requireUser }, async (req, reply) =>
    associationPage(req, reply, emptyForm()),
  );

  app.post('/area-clienti/associazione', { preHandler: requireUser, ...strict }, async (req, reply) => {
    const parsed = parseForm(ZAssociation, req.body);
    if (!parsed.ok) return associationPage(req, reply, parsed.form, undefined, 422);
    try {
      const { alreadyLinked } = await associateCustomer(
        deps,
        req.tenant,
        req.user!.id,
        {
          customerName: parsed.data.customer_name,
          customerType: parsed.data.customer_type,
          customerCode: parsed.data.customer_code,
          taxCode: parsed.data.tax_code,
        },
        actorOf(req),
      );
      setFlash(req, {
        kind: alreadyLinked ? 'info' : 'success',
        text: alreadyLinked
          ? 'Questo cliente è già associato al tuo account.'
          : 'Associazione completata: il collegamento all’area cliente è nell’elenco «I tuoi clienti».',
      });
      return reply.redirect('/area-clienti/associazione', 303);
    } catch (err) {
      if (err instanceof AssociationError)
        return associationPage(req, reply, emptyForm(parsed.values), err.message, 422);
      throw err;
    }
  });

  // Download documenti --------------------------------------------------------------------------------------------
  async function linkedCustomer(req: FastifyRequest, customerId: string) {
    if (!isUuid(customerId)) throw new NotFoundError();
    const customer = await findLinkedCustomer(deps.db, req.tenant.id, req.user!.id, customerId);
    if (!customer) throw new NotFoundError();
    return customer;
  }

  app.get<{ Params: { customerId: string } }>(
    '/area-clienti/clienti/:customerId/documenti',
    { preHandler: requireUser },
    async (req, reply) => {
      const customer = await linkedCustomer(req, req.params.customerId);
      const types = await customerDocumentTypes(deps.db, req.tenant.id, customer.id);
      const search = readSearch(req.query, types);
      let { rows, total } = await searchCustomerDocuments(
        deps.db,
        req.tenant.id,
        customer.id,
        search.filter,
        search.page,
      );
      const pages = Math.max(1, Math.ceil(total / DOCUMENTS_PAGE_SIZE));
      let page = search.page;
      if (page > pages) {
        page = pages;
        ({ rows, total } = await searchCustomerDocuments(
          deps.db,
          req.tenant.id,
          customer.id,
          search.filter,
          page,
        ));
      }
      return sendHtml(
        reply,
        <CustomerDocumentsPage
          ctx={ctx(req, reply)}
          v={{ customer, search: search.form, types, rows, total, page, pages, query: search.query }}
        />,
        Object.keys(search.form.errors).length > 0 ? 422 : 200,
      );
    },
  );

  app.get<{ Params: { customerId: string; documentId: string } }>(
    '/area-clienti/clienti/:customerId/documenti/:documentId/scarica',
    { preHandler: requireUser },
    async (req, reply) => {
      const customer = await linkedCustomer(req, req.params.customerId);
      if (!isUuid(req.params.documentId)) throw new NotFoundError();
      const file = await downloadDocument(deps, req.tenant, customer.id, req.params.documentId, actorOf(req));
      return reply
        .type(file.contentType)
        .header('content-disposition', attachmentHeader(file.filename))
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );

  app.post<{ Params: { customerId: string } }>(
    '/area-clienti/clienti/:customerId/documenti/scarica',
    { preHandler: requireUser, ...strict },
    async (req, reply) => {
      const customer = await linkedCustomer(req, req.params.customerId);
      const raw = (req.body as Record<string, unknown> | undefined)?.doc;
      const ids = (Array.isArray(raw) ? raw : [raw]).filter(
        (v): v is string => typeof v === 'string' && isUuid(v),
      );
      const docs = await selectDocumentsForZip(deps, req.tenant, customer.id, [...new Set(ids)]);
      if (docs.length === 0) {
        setFlash(req, { kind: 'danger', text: 'Seleziona almeno un documento da scaricare.' });
        return reply.redirect(`/area-clienti/clienti/${customer.id}/documenti`, 303);
      }
      const archive = await streamDocumentsZip(deps, req.tenant, customer.id, docs, actorOf(req));
      return reply
        .type('application/zip')
        .header('content-disposition', attachmentHeader(`documenti_${customer.customer_code}.zip`))
        .send(archive);
    },
  );

  // Anagrafica clienti: officers' page ------------------------------------------------------------------------------
  const countCustomers = async (req: FastifyRequest) =>
    Number(
      (
        await deps.db
          .selectFrom('customers')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('tenant_id', '=', req.tenant.id)
          .executeTakeFirstOrThrow()
      ).n,
    );

  app.get('/ufficio/clienti', { preHandler: requirePermission('backoffice:access') }, async (req, reply) =>
    sendHtml(
      reply,
      <CustomerImportPage ctx={ctx(req, reply)} form={emptyForm()} customers={await countCustomers(req)} />,
    ),
  );

  app.post(
    '/ufficio/clienti',
    { preHandler: requirePermission('backoffice:access'), ...strict },
    async (req, reply) => {
      const file = formFiles(req.body).file?.[0];
      let error: string | undefined;
      let text = '';
      if (!file) error = 'Scegli il file CSV da importare.';
      else if (file.truncated) error = 'Il file supera la dimensione massima di 5 MB.';
      else if (file.content.includes(0))
        error = 'Il file deve essere un CSV di testo (il contenuto non lo è).';
      else {
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(file.content);
        } catch {
          error = 'Il file deve essere in codifica UTF-8.';
        }
      }
      let result: TImportResult | undefined;
      if (!error) result = await importCustomersCsv(deps.db, req.tenant.id, text, actorOf(req), 'ufficio');
      return sendHtml(
        reply,
        <CustomerImportPage
          ctx={ctx(req, reply)}
          form={error ? { values: {}, errors: { file: error } } : emptyForm()}
          customers={await countCustomers(req)}
          result={result}
        />,
        error || !result?.ok ? 422 : 200,
      );
    },
  );

  // Anagrafica clienti: JSON API for bulk loads ----------------------------------------------------------------------
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.post(
    '/api/clienti',
    {
      preHandler: requireApiToken(deps.db),
      ...strict,
      schema: {
        summary: 'Importa o aggiorna l’anagrafica clienti (array JSON o CSV)',
        tags: ['documenti'],
        security: [{ bearerAuth: [] }],
      },
    },
    async (req, reply) => {
      const actor = apiActorOf(req);
      const result =
        typeof req.body === 'string'
          ? await importCustomersCsv(deps.db, req.tenant.id, req.body, actor, 'api-csv')
          : await importCustomersJson(deps.db, req.tenant.id, req.body, actor);
      if (!result.ok)
        return reply.code(422).type('application/problem+json').send({
          type: 'about:blank',
          title: 'Dati non validi',
          status: 422,
          detail: 'Nessun cliente è stato importato: correggi le righe indicate e invia di nuovo.',
          instance: req.url,
          errors: result.errors,
        });
      return {
        righe: result.rows,
        inseriti: result.inserted,
        aggiornati: result.updated,
        invariati: result.unchanged,
      };
    },
  );
}
