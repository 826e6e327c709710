import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../../http/errors.js';
import { parseForm } from '../../../http/forms.js';
import { paramsOf, queryOf, zId } from '../../../http/route-input.js';
import { actorOf, requireUser, sendHtml, setFlash } from '../../../http/request-context.js';
import { emptyForm, type TFormState } from '../../../layout/form-kit.js';
import { accountRouteKit, type TRouteDeps } from '../../accounts/routes/route-kit.js';
import {
  AssociationError,
  associateCustomer,
  findLinkedCustomer,
  listLinkedCustomersWithUnread,
} from './associate-customer.js';
import { customerDocumentTypes } from './customer-documents.js';
import { documentSearchOf, findCustomerDocumentsPage, ZDocumentSearch } from './document-search.js';
import {
  attachmentHeader,
  downloadDocument,
  selectDocumentsForZip,
  streamDocumentsZip,
} from './download-documents.js';
import { ZAssociation } from './schemas.js';
import { AssociationPage } from './views/association-page.js';
import { CustomerDocumentsPage } from './views/documents-page.js';

const ZCustomerParams = z.object({ customerId: zId });
const ZDocumentParams = z.object({ customerId: zId, documentId: zId });

/** The ids of the documents ticked for «Scarica i documenti» (anything that is not an id is ignored). */
function tickedIds(body: unknown): string[] {
  const raw = (body as Record<string, unknown> | undefined)?.doc;
  const ids = (Array.isArray(raw) ? raw : [raw]).filter((v) => zId.safeParse(v).success) as string[];
  return [...new Set(ids)];
}

/** The signed-in customer's side (seed 004 § 4–5): "associazione cliente" and "Download documenti". */
export async function customerDocumentsRoutes(app: FastifyInstance, deps: TRouteDeps) {
  const { ctx, strict } = accountRouteKit(deps);

  // associazione cliente ---------------------------------------------------------------------------------------
  async function associationPage(
    req: FastifyRequest,
    reply: FastifyReply,
    form: TFormState,
    problem?: string,
    status = 200,
  ) {
    const customers = await listLinkedCustomersWithUnread(deps.db, req.tenant.id, req.user!.id);
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
      // One neutral message for the whole form (no field is named wrong), with the typed values.
      if (err instanceof AssociationError)
        return associationPage(req, reply, emptyForm(parsed.values), err.message, 422);
      throw err;
    }
  });

  // Download documenti --------------------------------------------------------------------------------------------
  /** The customer of the address, when the signed-in account is linked to it; 404 otherwise. */
  async function linkedCustomer(req: FastifyRequest, customerId: string) {
    const customer = await findLinkedCustomer(deps.db, req.tenant.id, req.user!.id, customerId);
    if (!customer) throw new NotFoundError();
    return customer;
  }

  app.get('/area-clienti/clienti/:customerId/documenti', { preHandler: requireUser }, async (req, reply) => {
    const customer = await linkedCustomer(req, paramsOf(req, ZCustomerParams).customerId);
    const types = await customerDocumentTypes(deps.db, req.tenant.id, customer.id);
    const search = documentSearchOf(queryOf(req, ZDocumentSearch), types);
    const found = await findCustomerDocumentsPage(
      deps.db,
      req.tenant.id,
      customer.id,
      search.filter,
      search.page,
    );
    return sendHtml(
      reply,
      <CustomerDocumentsPage
        ctx={ctx(req, reply)}
        v={{ customer, search: search.form, types, ...found, query: search.query }}
      />,
      Object.keys(search.form.errors).length > 0 ? 422 : 200,
    );
  });

  app.get(
    '/area-clienti/clienti/:customerId/documenti/:documentId/scarica',
    { preHandler: requireUser },
    async (req, reply) => {
      const params = paramsOf(req, ZDocumentParams);
      const customer = await linkedCustomer(req, params.customerId);
      const file = await downloadDocument(deps, req.tenant, customer.id, params.documentId, actorOf(req));
      return reply
        .type(file.contentType)
        .header('content-disposition', attachmentHeader(file.filename))
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );

  app.post(
    '/area-clienti/clienti/:customerId/documenti/scarica',
    { preHandler: requireUser, ...strict },
    async (req, reply) => {
      const customer = await linkedCustomer(req, paramsOf(req, ZCustomerParams).customerId);
      const docs = await selectDocumentsForZip(deps, req.tenant, customer.id, tickedIds(req.body));
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
}
