// Payments of a call (grants:pay): admitted unpaid applications grouped in payment orders, each order with
// its SEPA file (pain.001) and CSV, and "Segna come pagato".
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { runForm } from '../../../http/form-runner.js';
import { actorOf, pageContext, requirePermission, sendHtml } from '../../../http/request-context.js';
import { paramsOf, zId } from '../../../http/route-input.js';
import { formatEuro } from '../../../italian/money.js';
import { emptyForm, type TFormState } from '../../../layout/form-kit.js';
import { attachmentHeader } from '../../documents/customer/download-documents.js';
import type { TGrantsDeps } from '../grants-deps.js';
import { officeCall } from '../review/office-route-kit.js';
import { createPaymentOrder } from './create-payment-order.js';
import { markOrderPaid } from './mark-order-paid.js';
import { orderCsv, orderSepaXml } from './order-files.js';
import { getOrder, listOrders, payableApplications } from './payment-order-queries.js';
import { treasuryOf } from './treasury.js';
import { OrderPage, PaymentsPage } from './views/payments-page.js';

const ZOrderParams = z.object({ callId: zId, orderId: zId });

/** The ticked applications of the payments form (one or many `applications` fields; anything but an id is no application). */
const ZOrderForm = z.object({
  applications: z
    .preprocess((v) => (Array.isArray(v) ? v : [v]), z.array(z.unknown()))
    .transform((list) => list.filter((v): v is string => zId.safeParse(v).success))
    .catch([]),
});
const checkedIds = (body: unknown): string[] => ZOrderForm.parse(body ?? {}).applications;

export async function paymentRoutes(app: FastifyInstance, deps: TGrantsDeps) {
  const pay = { preHandler: requirePermission('grants:pay') };
  const ctx = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, deps.ui);

  async function paymentsPage(
    req: FastifyRequest,
    reply: FastifyReply,
    form: TFormState = emptyForm(),
    problem?: string,
    status = 200,
  ) {
    const call = await officeCall(deps, req);
    const [payable, orders] = await Promise.all([
      payableApplications(deps.db, req.tenant.id, call.id),
      listOrders(deps.db, req.tenant.id, call.id),
    ]);
    return sendHtml(
      reply,
      <PaymentsPage
        ctx={ctx(req, reply)}
        call={call}
        payable={payable}
        orders={orders}
        treasury={treasuryOf(call, req.tenant)}
        form={form}
        problem={problem}
      />,
      status,
    );
  }

  app.get('/ufficio/bandi/:callId/pagamenti', pay, async (req, reply) => paymentsPage(req, reply));

  app.post('/ufficio/bandi/:callId/pagamenti/ordini', pay, async (req, reply) => {
    const call = await officeCall(deps, req);
    return runForm(req, reply, {
      run: () => createPaymentOrder(deps, req.tenant, call.id, checkedIds(req.body), actorOf(req)),
      done: (o) => ({
        redirect: `/ufficio/bandi/${call.id}/pagamenti/ordini/${o.id}`,
        flash: `Ordine di pagamento ${o.number} creato: ${formatEuro(o.totalCents)}. Scarica il file SEPA per la banca.`,
      }),
      render: (form, problem, status) =>
        paymentsPage(req, reply, { values: {}, errors: form.errors }, problem, status),
    });
  });

  app.get('/ufficio/bandi/:callId/pagamenti/ordini/:orderId', pay, async (req, reply) => {
    const call = await officeCall(deps, req);
    const order = await getOrder(deps.db, req.tenant.id, call.id, paramsOf(req, ZOrderParams).orderId);
    return sendHtml(reply, <OrderPage ctx={ctx(req, reply)} call={call} order={order} />);
  });

  app.get('/ufficio/bandi/:callId/pagamenti/ordini/:orderId/sepa.xml', pay, async (req, reply) => {
    const call = await officeCall(deps, req);
    const { orderId } = paramsOf(req, ZOrderParams);
    const f = await orderSepaXml(deps.db, req.tenant, call, orderId, deps.now());
    return reply
      .header('content-type', 'application/xml; charset=utf-8')
      .header('content-disposition', attachmentHeader(f.filename))
      .send(f.xml);
  });

  app.get('/ufficio/bandi/:callId/pagamenti/ordini/:orderId/ordine.csv', pay, async (req, reply) => {
    const call = await officeCall(deps, req);
    const f = await orderCsv(deps.db, req.tenant.id, call.id, paramsOf(req, ZOrderParams).orderId);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', attachmentHeader(f.filename))
      .send(f.csv);
  });

  app.post('/ufficio/bandi/:callId/pagamenti/ordini/:orderId/pagato', pay, async (req, reply) => {
    const call = await officeCall(deps, req);
    const { orderId } = paramsOf(req, ZOrderParams);
    return runForm(req, reply, {
      run: () => markOrderPaid(deps, req.tenant, call, orderId, actorOf(req)),
      done: (r) => ({
        redirect: `/ufficio/bandi/${call.id}/pagamenti/ordini/${orderId}`,
        flash: `Ordine ${r.number} segnato come pagato: ${r.items} domande risultano pagate e i beneficiari riceveranno una e-mail.`,
      }),
      render: async (_form, problem, status) => {
        const order = await getOrder(deps.db, req.tenant.id, call.id, orderId);
        return sendHtml(
          reply,
          <OrderPage ctx={ctx(req, reply)} call={call} order={order} problem={problem} />,
          status,
        );
      },
    });
  });
}
