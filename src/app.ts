import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySession from '@fastify/session';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { TAppDeps } from './app-deps.js';
import { DbSessionStore } from './auth/session-store.js';
import { fastifyTrustProxy } from './config.js';
import { MAX_UPLOAD_BYTES } from './files/uploads.js';
import { installErrorHandling } from './http/error-pages.js';
import { HEALTH_PATHS, healthRoutes } from './http/health-routes.js';
import { installInputGuard } from './http/input-guard.js';
import { NotFoundError } from './http/errors.js';
import type { TUploadedFile } from './http/forms.js';
import type { TSessionUi } from './http/request-context.js';
import { accountsRoutes } from './modules/accounts/routes.js';
import { findUserById } from './modules/accounts/users.js';
import { adminRoutes } from './modules/admin/routes.js';
import { backofficeRoutes } from './modules/backoffice/routes.js';
import { companyDocumentsRoutes } from './modules/companies/documents-routes.js';
import { companiesRoutes } from './modules/companies/routes.js';
import { devMailboxRoutes } from './modules/dev/routes.js';
import {
  BUSY_PAGE,
  IntakeGate,
  RETRY_AFTER_SECONDS,
  SUBMIT_PATH,
} from './modules/grants/application/intake-gate.js';
import { grantsRoutes } from './modules/grants/routes.js';
import { homeRoutes } from './modules/home/routes.js';
import { staffRoutes } from './modules/staff/routes.js';
import { documentsRoutes } from './modules/documents/routes.js';
import { slugFromHost } from './tenancy/tenant.js';
import { TenantResolver } from './tenancy/tenant-resolver.js';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const bootstrapItaliaDist = join(dirname(require.resolve('bootstrap-italia/package.json')), 'dist');

declare module 'fastify' {
  interface FastifyInstance {
    tenants: TenantResolver;
  }
}

/** Paths a user who must change the password may still open. */
const FIRST_ACCESS_ALLOWED = [
  '/password/cambio',
  '/esci',
  '/static/',
  '/healthz',
  '/privacy',
  '/sessione/rinnova',
];

export type TAppOptions = { logger?: boolean | object };

/** Builds the Fastify application: plugins, tenancy, sessions, modules, error pages. Does not listen. */
export async function buildApp(deps: TAppDeps, opts: TAppOptions = {}): Promise<FastifyInstance> {
  const { config, db } = deps;
  const ui: TSessionUi = {
    idleMinutes: config.session.idleMinutes,
    warningMinutes: config.session.warningMinutes,
    devMailbox: config.env !== 'production',
  };
  // The request log: no cookies, no passwords, and URLs without their query string — e-mailed links carry
  // one-time tokens there (…?token=…); no route carries one in its path. `opts.logger` (an object) adds to it.
  const logOptions = {
    level: config.logLevel,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.password',
        '*.password_hash',
      ],
      censor: '[nascosto]',
    },
    serializers: {
      req: (req: FastifyRequest) => ({
        method: req.method,
        url: req.url.split('?')[0],
        host: req.host,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
  };
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : { ...logOptions, ...(typeof opts.logger === 'object' ? opts.logger : {}) },
    trustProxy: fastifyTrustProxy(config.trustProxy),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 60 * 1024 * 1024,
  });

  app.decorateRequest('tenant', null as never);
  app.decorateRequest('user', null);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.publicProtocol === 'https' ? [] : null,
      },
    },
    hsts: config.publicProtocol === 'https',
  });
  // Click-day load shedding for "Invia", before cookies and the session are read (see intake-gate.ts).
  const grantIntake = new IntakeGate(config.grantIntakeMaxInFlight);
  app.decorate('grantIntake', grantIntake);
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'POST' || !SUBMIT_PATH.test(request.url)) return;
    if (!grantIntake.tryEnter()) {
      return reply
        .code(503)
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(BUSY_PAGE);
    }
    // Leave exactly once: when the answer is sent, or when the client goes away first.
    let left = false;
    const leave = () => {
      if (!left) grantIntake.leave();
      left = true;
    };
    reply.raw.once('close', leave);
    reply.raw.once('finish', leave);
  });
  await app.register(fastifyFormbody);
  // Multipart forms: fields arrive as strings and files as { filename, content, truncated } in the body,
  // so the CSRF check and the form kit treat them like any other form. A file over the limit is cut
  // and flagged instead of failing the request, so the page can say which field is too large.
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 20, fields: 200 },
    onFile: async (part) => {
      const content = await part.toBuffer();
      (part as unknown as { value: unknown }).value = {
        filename: part.filename,
        content,
        truncated: part.file.truncated,
      } satisfies TUploadedFile;
    },
  });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: { info: { title: 'Focolare API', version: '0.1.0', description: 'API JSON di Focolare' } },
  });
  await app.register(fastifyStatic, {
    root: bootstrapItaliaDist,
    prefix: '/static/bi/',
    maxAge: '7d',
  });
  await app.register(fastifyStatic, {
    root: join(here, '..', 'public'),
    prefix: '/static/app/',
    decorateReply: false,
    maxAge: '1h',
  });
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: config.session.secret,
    cookieName: 'focolare_sid',
    store: new DbSessionStore(db, config.session.idleMinutes * 60_000),
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.publicProtocol === 'https' ? true : 'auto',
      path: '/',
      // No maxAge: a browser-session cookie; the server-side row carries the idle expiry.
    },
  });
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/session' });

  // Tenancy: the first label of the host names the tenant.
  const tenants = new TenantResolver(db);
  app.decorate('tenants', tenants);
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/static/') || HEALTH_PATHS.includes(request.url.split('?')[0]!)) return;
    const slug = slugFromHost(request.host, config.defaultTenant);
    const tenant = await tenants.bySlug(slug);
    if (!tenant) throw new NotFoundError(`L'ente "${slug}" non è servito da questo portale.`);
    request.tenant = tenant;
  });

  // The signed-in user, if the session belongs to this tenant and has not outlived the absolute timeout.
  app.addHook('preHandler', async (request) => {
    const s = request.session;
    if (!request.tenant || !s?.userId) return;
    if (s.tenantId !== request.tenant.id) return; // a session of tenant A is nobody on tenant B
    const absoluteMs = config.session.absoluteHours * 3_600_000;
    if (!s.loginAt || deps.now().getTime() - s.loginAt > absoluteMs) {
      await s.regenerate();
      request.session.flash = { kind: 'info', text: 'La sessione è scaduta: accedi di nuovo.' };
      return;
    }
    const user = await findUserById(db, request.tenant.id, s.userId);
    if (user?.status !== 'active') {
      await s.regenerate();
      return;
    }
    request.user = user;
  });

  // CSRF on every state-changing form request.
  app.addHook('preHandler', (request, reply, done) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method) || request.url.startsWith('/api/')) return done();
    app.csrfProtection(request, reply, done);
  });

  // First access: accounts created by someone else must change the password before anything else.
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.user?.must_change_password && !FIRST_ACCESS_ALLOWED.some((p) => request.url.startsWith(p))) {
      return reply.redirect('/password/cambio', 303);
    }
  });

  // Pages and API answers may carry personal data: never stored by browsers or proxies.
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith('/static/')) reply.header('cache-control', 'no-store');
    reply.header('x-request-id', request.id);
    return payload;
  });

  installInputGuard(app);
  installErrorHandling(app, ui);

  await app.register(healthRoutes, { db });
  app.get('/api/openapi.json', async () => app.swagger());

  const moduleDeps = { ...deps, ui };
  await app.register(homeRoutes, moduleDeps);
  await app.register(accountsRoutes, moduleDeps);
  await app.register(adminRoutes, moduleDeps);
  await app.register(companiesRoutes, moduleDeps);
  await app.register(companyDocumentsRoutes, moduleDeps);
  await app.register(backofficeRoutes, moduleDeps);
  await app.register(documentsRoutes, moduleDeps);
  await app.register(staffRoutes, moduleDeps);
  await app.register(grantsRoutes, moduleDeps);
  if (config.env !== 'production') await app.register(devMailboxRoutes, moduleDeps);

  return app;
}
