// Pieces shared by the officers' grant pages.
import { FUNDING_LABELS, STATUS_LABELS, type TApplicationStatus } from '../../application/queries.js';
import type { TGrantCall } from '../../calls/call.js';
import type { TFundingState } from '../../funding/allocation-rules.js';

const STATUS_BADGE: Record<string, string> = {
  submitted: 'bg-primary',
  integration_requested: 'bg-warning text-dark',
  admitted: 'bg-success',
  rejected: 'bg-danger',
  withdrawn: 'bg-secondary',
  revoked: 'bg-danger',
};

export function GrantStatusBadge({ status }: { status: TApplicationStatus }) {
  return (
    <span class={`badge ${STATUS_BADGE[status] ?? 'bg-secondary'}`} safe>
      {STATUS_LABELS[status] ?? status}
    </span>
  );
}

export function FundingText({ funding }: { funding: TFundingState }) {
  return <span safe>{funding === 'none' ? 'Nessun fondo' : (FUNDING_LABELS[funding] ?? funding)}</span>;
}

/** The sections of a call's back office, as a list of links (the current one marked). */
export function CallNav({
  call,
  current,
  canPay,
}: {
  call: TGrantCall;
  current: 'domande' | 'controlli' | 'pagamenti' | 'recuperi';
  canPay: boolean;
}) {
  const items: Array<{ key: typeof current; href: string; label: string }> = [
    { key: 'domande', href: `/ufficio/bandi/${call.id}/domande`, label: 'Domande' },
    { key: 'controlli', href: `/ufficio/bandi/${call.id}/controlli`, label: 'Controlli a campione' },
    { key: 'recuperi', href: `/ufficio/bandi/${call.id}/recuperi`, label: 'Revoche e recuperi' },
  ];
  if (canPay)
    items.push({ key: 'pagamenti', href: `/ufficio/bandi/${call.id}/pagamenti`, label: 'Pagamenti' });
  return (
    <nav aria-label="Sezioni del bando" class="mb-4">
      <ul class="nav nav-tabs">
        {items.map((i) => (
          <li class="nav-item">
            <a
              class={i.key === current ? 'nav-link active' : 'nav-link'}
              href={i.href}
              aria-current={i.key === current ? 'page' : undefined}
            >
              <span safe>{i.label}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The top of a call's office page: back to the calls, the call's title and its sections. */
export function CallPageHeader(p: Parameters<typeof CallNav>[0]) {
  return (
    <>
      <p>
        <a href="/ufficio/bandi">Torna ai bandi</a>
      </p>
      <h1 class="h2" safe>
        {p.call.title}
      </h1>
      <CallNav {...p} />
    </>
  );
}

export { TextAreaField } from '../../../../layout/form-kit.js';

/** A problem (409) above the forms. */
export function Problem({ text }: { text: string | undefined }) {
  if (!text) return '';
  return (
    <div class="alert alert-danger" role="alert">
      <span safe>{text}</span>
    </div>
  );
}
