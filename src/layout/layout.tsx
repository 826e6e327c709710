import type { TPermission } from '../auth/permissions.js';
import type { TTenant } from '../tenancy/tenant.js';

export type TViewer = { fullName: string; role: string; permissions: ReadonlySet<TPermission> } | null;

export type TPageContext = {
  tenant: TTenant;
  viewer: TViewer;
  csrfToken: string;
  flash?: { kind: 'success' | 'info' | 'danger'; text: string } | undefined;
  /** Session idle timeout and warning, for the "sessione in scadenza" notice (minutes). */
  session?: { idleMinutes: number; warningMinutes: number } | undefined;
  devMailbox: boolean;
};

type TMenuItem = { href: string; label: string; permission?: TPermission };

/** Main menu by role: an item is shown only when the viewer's role grants its permission. */
const MENU: TMenuItem[] = [
  { href: '/area-riservata', label: 'Area riservata', permission: 'profile:manage' },
  { href: '/profilo', label: 'Profilo', permission: 'profile:manage' },
  { href: '/amministrazione/ente', label: 'Impostazioni ente', permission: 'tenant:configure' },
  { href: '/amministrazione/utenti', label: 'Utenti', permission: 'users:manage' },
  { href: '/amministrazione/registro', label: 'Registro attività', permission: 'audit:read' },
  { href: '/ufficio/ditte', label: 'Ditte', permission: 'companies:review' },
  { href: '/ufficio/personale', label: 'Personale ditte', permission: 'companies:review' },
  { href: '/ufficio/scadenze', label: 'Scadenze', permission: 'companies:review' },
  { href: '/ufficio/documenti', label: 'Documenti', permission: 'backoffice:access' },
  { href: '/ufficio/clienti', label: 'Clienti', permission: 'backoffice:access' },
  { href: '/domande', label: 'Le mie domande di contributo', permission: 'grants:apply' },
  { href: '/ufficio/bandi', label: 'Domande di contributo', permission: 'grants:review' },
  { href: '/amministrazione/bandi', label: 'Bandi', permission: 'grants:configure' },
];

function Header({ ctx }: { ctx: TPageContext }) {
  const items = MENU.filter((m) => m.permission && ctx.viewer?.permissions.has(m.permission));
  return (
    <header class="it-header-wrapper">
      <div class="it-header-slim-wrapper">
        <div class="container">
          <div class="row">
            <div class="col-12">
              <div class="it-header-slim-wrapper-content">
                <span class="d-lg-block navbar-brand">Focolare · servizi online</span>
                <div class="it-header-slim-right-zone">
                  {ctx.viewer ? (
                    <form method="post" action="/esci" class="d-flex align-items-center gap-2">
                      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                      <span class="text-white small" safe>
                        {ctx.viewer.fullName}
                      </span>
                      <button type="submit" class="btn btn-primary btn-sm">
                        Esci
                      </button>
                    </form>
                  ) : (
                    <a class="btn btn-primary btn-sm" href="/accesso">
                      Accedi all'area riservata
                    </a>
                  )}
                </div>
              </div>
            </div>
          </div>
        </div>
      </div>
      <div class="it-nav-wrapper">
        <div class="it-header-center-wrapper">
          <div class="container">
            <div class="row">
              <div class="col-12">
                <div class="it-header-center-content-wrapper">
                  <div class="it-brand-wrapper">
                    <a href="/">
                      {ctx.tenant.logoUrl ? (
                        <img src={ctx.tenant.logoUrl} alt="" class="icon" width="82" height="82" />
                      ) : (
                        ''
                      )}
                      <div class="it-brand-text">
                        <div class="it-brand-title" safe>
                          {ctx.tenant.name}
                        </div>
                        <div class="it-brand-tagline d-none d-md-block">
                          Impianti termici e procedimenti ambientali
                        </div>
                      </div>
                    </a>
                  </div>
                </div>
              </div>
            </div>
          </div>
        </div>
        {items.length > 0 ? (
          <div class="it-header-navbar-wrapper">
            <div class="container">
              <nav class="navbar navbar-expand has-megamenu" aria-label="Menu principale">
                <ul class="navbar-nav">
                  {items.map((m) => (
                    <li class="nav-item">
                      <a class="nav-link" href={m.href}>
                        <span safe>{m.label}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            </div>
          </div>
        ) : (
          ''
        )}
      </div>
    </header>
  );
}

function Footer({ ctx }: { ctx: TPageContext }) {
  const t = ctx.tenant;
  return (
    <footer class="it-footer">
      <div class="it-footer-main">
        <div class="container">
          <div class="row py-4">
            <div class="col-md-6">
              <h2 class="h4 text-white" safe>
                {t.name}
              </h2>
              <p class="text-white">
                Contatti:{' '}
                <a class="text-white" href={`mailto:${t.activationEmail}`} safe>
                  {t.activationEmail}
                </a>
                {t.supportPhone ? (
                  <>
                    <br />
                    Assistenza telefonica: <span safe>{t.supportPhone}</span>
                    {t.supportHours ? <span safe>{` (${t.supportHours})`}</span> : ''}
                  </>
                ) : (
                  ''
                )}
              </p>
            </div>
            <div class="col-md-6">
              <ul class="list-unstyled">
                <li>
                  <a class="text-white" href={t.privacyUrl ?? '/privacy'}>
                    Informativa sulla privacy
                  </a>
                </li>
                <li>
                  <a class="text-white" href="/dichiarazione-accessibilita">
                    Dichiarazione di accessibilità
                  </a>
                </li>
                {ctx.devMailbox ? (
                  <li>
                    <a class="text-white" href="/dev/mailbox">
                      Posta in uscita (solo sviluppo)
                    </a>
                  </li>
                ) : (
                  ''
                )}
              </ul>
            </div>
          </div>
        </div>
      </div>
    </footer>
  );
}

export function Layout({
  ctx,
  title,
  children,
}: {
  ctx: TPageContext;
  title: string;
  children?: JSX.Element | JSX.Element[];
}) {
  const idle = ctx.viewer && ctx.session ? ctx.session : undefined;
  return (
    <>
      {'<!doctype html>'}
      <html lang="it">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{`${title} · ${ctx.tenant.name}`}</title>
          <link rel="stylesheet" href="/static/bi/css/bootstrap-italia.min.css" />
          <link rel="stylesheet" href="/static/app/css/focolare.css" />
        </head>
        <body
          data-session-idle-minutes={idle ? String(idle.idleMinutes) : undefined}
          data-session-warning-minutes={idle ? String(idle.warningMinutes) : undefined}
        >
          <div class="skiplinks">
            <a class="visually-hidden-focusable" href="#main-content">
              Vai al contenuto principale
            </a>
          </div>
          <Header ctx={ctx} />
          <main id="main-content" class="container my-5" tabindex="-1">
            {ctx.flash ? (
              <div class={`alert alert-${ctx.flash.kind}`} role="status">
                <span safe>{ctx.flash.text}</span>
              </div>
            ) : (
              ''
            )}
            {children as 'safe'}
          </main>
          <Footer ctx={ctx} />
          {idle ? (
            <form
              method="post"
              action="/sessione/rinnova"
              id="session-warning"
              class="session-warning"
              hidden
            >
              <div class="alert alert-warning bg-white" role="alert">
                <p>
                  La sessione sta per scadere per inattività. Salva il tuo lavoro oppure scegli "Resta
                  collegato".
                </p>
                <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                <button type="submit" class="btn btn-primary btn-sm">
                  Resta collegato
                </button>
              </div>
            </form>
          ) : (
            ''
          )}
          <script src="/static/app/js/focolare.js" defer></script>
        </body>
      </html>
    </>
  );
}
