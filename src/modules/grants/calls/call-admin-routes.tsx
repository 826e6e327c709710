// Tenant administrators create and edit calls (permission grants:configure). A call is data: the form
// reads it (call-form.ts), the use cases store it; every POST goes through runForm.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../http/errors.js';
import { runForm } from '../../../http/form-runner.js';
import { actorOf, pageContext, requirePermission, sendHtml } from '../../../http/request-context.js';
import { paramsOf, ZIdParams } from '../../../http/route-input.js';
import type { TFormState } from '../../../layout/form-kit.js';
import type { TGrantsDeps } from '../grants-deps.js';
import { callFormValues, readCallForm } from './call-form.js';
import { callInputOf } from './call.js';
import { createCall } from './create-call.js';
import { getCall, listCalls } from './queries.js';
import { puglia2024CallInput } from './seed-puglia-2024.js';
import { updateCall } from './update-call.js';
import { CallAdminListPage, CallFormPage } from './views/call-admin-pages.js';

/** The call form's input, or its field errors. */
function callInput(values: Record<string, string>) {
  const read = readCallForm(values);
  if (!read.ok) throw new ValidationError(read.errors);
  return read.input;
}

/** A refusal that is not about one field ("Il bando non esiste.") is listed with the form's errors. */
const withProblem = (form: TFormState, problem: string | undefined): TFormState =>
  problem ? { values: form.values, errors: { ...form.errors, form: problem } } : form;

export async function adminCallRoutes(app: FastifyInstance, deps: TGrantsDeps) {
  const ctx = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, deps.ui);
  const guard = { preHandler: requirePermission('grants:configure') };

  const formPage = (
    req: FastifyRequest,
    reply: FastifyReply,
    page: { form: TFormState; action: string; heading: string; publicCode?: string | undefined },
    status = 200,
  ) => sendHtml(reply, <CallFormPage ctx={ctx(req, reply)} {...page} />, status);

  app.get('/amministrazione/bandi', guard, async (req, reply) => {
    const calls = await listCalls(deps.db, req.tenant.id, { publishedOnly: false });
    return sendHtml(reply, <CallAdminListPage ctx={ctx(req, reply)} calls={calls} />);
  });

  app.get('/amministrazione/bandi/nuovo', guard, async (req, reply) => {
    const now = deps.now();
    const template = puglia2024CallInput({
      code: '',
      published: false,
      opensAt: new Date(now.getTime() + 7 * 86_400_000),
      closesAt: new Date(now.getTime() + 60 * 86_400_000),
    });
    const form = { values: callFormValues(template), errors: {} };
    return formPage(req, reply, { form, action: '/amministrazione/bandi/nuovo', heading: 'Nuovo bando' });
  });

  app.post('/amministrazione/bandi/nuovo', guard, async (req, reply) =>
    runForm(req, reply, {
      run: (values) => createCall(deps.db, req.tenant.id, callInput(values), actorOf(req)),
      done: (id) => ({ redirect: `/amministrazione/bandi/${id}`, flash: 'Bando creato.' }),
      render: (form, problem) =>
        formPage(
          req,
          reply,
          {
            form: withProblem(form, problem),
            action: '/amministrazione/bandi/nuovo',
            heading: 'Nuovo bando',
          },
          422,
        ),
    }),
  );

  app.get('/amministrazione/bandi/:id', guard, async (req, reply) => {
    const call = await getCall(deps.db, req.tenant.id, paramsOf(req, ZIdParams).id);
    return formPage(req, reply, {
      form: { values: callFormValues(callInputOf(call)), errors: {} },
      action: `/amministrazione/bandi/${call.id}`,
      heading: 'Modifica bando',
      publicCode: call.published ? call.code : undefined,
    });
  });

  app.post('/amministrazione/bandi/:id', guard, async (req, reply) => {
    const call = await getCall(deps.db, req.tenant.id, paramsOf(req, ZIdParams).id);
    return runForm(req, reply, {
      run: (values) =>
        updateCall(deps.db, req.tenant.id, call.id, callInput(values), actorOf(req), deps.now()),
      done: () => ({ redirect: `/amministrazione/bandi/${call.id}`, flash: 'Bando aggiornato.' }),
      render: (form, problem) =>
        formPage(
          req,
          reply,
          {
            form: withProblem(form, problem),
            action: `/amministrazione/bandi/${call.id}`,
            heading: 'Modifica bando',
          },
          422,
        ),
    });
  });
}
