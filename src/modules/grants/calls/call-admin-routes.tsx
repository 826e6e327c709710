// Tenant administrators create and edit calls (permission grants:configure).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError } from '../../../http/errors.js';
import { formValues } from '../../../http/forms.js';
import {
  actorOf,
  pageContext,
  requirePermission,
  sendHtml,
  setFlash,
} from '../../../http/request-context.js';
import type { TGrantsDeps } from '../grants-deps.js';
import { callFormValues, readCallForm } from './call-form.js';
import { callInputOf } from './call.js';
import { createCall } from './create-call.js';
import { getCall, listCalls } from './queries.js';
import { puglia2024CallInput } from './seed-puglia-2024.js';
import { updateCall } from './update-call.js';
import { CallAdminListPage, CallFormPage } from './views/call-admin-pages.js';

export async function adminCallRoutes(app: FastifyInstance, deps: TGrantsDeps) {
  const ctx = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, deps.ui);
  const guard = { preHandler: requirePermission('grants:configure') };

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
    return sendHtml(
      reply,
      <CallFormPage
        ctx={ctx(req, reply)}
        form={form}
        action="/amministrazione/bandi/nuovo"
        heading="Nuovo bando"
      />,
    );
  });

  app.post('/amministrazione/bandi/nuovo', guard, async (req, reply) => {
    const values = formValues(req.body);
    const read = readCallForm(values);
    let errors = read.ok ? {} : read.errors;
    if (read.ok) {
      try {
        const id = await createCall(deps.db, req.tenant.id, read.input, actorOf(req));
        setFlash(req, { kind: 'success', text: 'Bando creato.' });
        return reply.redirect(`/amministrazione/bandi/${id}`, 303);
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
        errors = { code: err.message };
      }
    }
    return sendHtml(
      reply,
      <CallFormPage
        ctx={ctx(req, reply)}
        form={{ values, errors }}
        action="/amministrazione/bandi/nuovo"
        heading="Nuovo bando"
      />,
      422,
    );
  });

  app.get<{ Params: { id: string } }>('/amministrazione/bandi/:id', guard, async (req, reply) => {
    const call = await getCall(deps.db, req.tenant.id, req.params.id);
    const form = { values: callFormValues(callInputOf(call)), errors: {} };
    return sendHtml(
      reply,
      <CallFormPage
        ctx={ctx(req, reply)}
        form={form}
        action={`/amministrazione/bandi/${call.id}`}
        heading="Modifica bando"
        publicCode={call.published ? call.code : undefined}
      />,
    );
  });

  app.post<{ Params: { id: string } }>('/amministrazione/bandi/:id', guard, async (req, reply) => {
    const call = await getCall(deps.db, req.tenant.id, req.params.id);
    const values = formValues(req.body);
    const read = readCallForm(values);
    let errors = read.ok ? {} : read.errors;
    if (read.ok) {
      try {
        await updateCall(deps.db, req.tenant.id, call.id, read.input, actorOf(req), deps.now());
        setFlash(req, { kind: 'success', text: 'Bando aggiornato.' });
        return reply.redirect(`/amministrazione/bandi/${call.id}`, 303);
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
        errors = { [/dotazione/.test(err.message) ? 'budget' : 'code']: err.message };
      }
    }
    return sendHtml(
      reply,
      <CallFormPage
        ctx={ctx(req, reply)}
        form={{ values, errors }}
        action={`/amministrazione/bandi/${call.id}`}
        heading="Modifica bando"
      />,
      422,
    );
  });
}
