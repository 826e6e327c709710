/** Small pieces shared by the back-office pages: dates, labels, badges, file links. */

export const dateTime = (d: Date | null | undefined) =>
  d ? d.toLocaleString('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'short', timeStyle: 'short' }) : '';

export const JOB_TYPE_LABELS: Record<string, string> = {
  tecnico: 'Tecnico',
  amministrativo: 'Amministrativo',
};
export const USER_TYPE_LABELS: Record<string, string> = { privato: 'Privato', supervisore: 'Supervisore' };

const STATUS_BADGE: Record<string, string> = {
  pending_signature: 'bg-secondary',
  registered: 'bg-warning text-dark',
  awaiting_activation: 'bg-warning text-dark',
  active: 'bg-success',
  rejected: 'bg-danger',
  suspended: 'bg-danger',
};

export function StatusBadge({ status, labels }: { status: string; labels: Record<string, string> }) {
  return (
    <span class={`badge ${STATUS_BADGE[status] ?? 'bg-secondary'}`} safe>
      {labels[status] ?? status}
    </span>
  );
}

/** "Scaduta" before today, "In scadenza" within 30 days, "Valida" otherwise (dates compared as yyyy-mm-dd). */
export function ExpiryBadge({ date, today, soon }: { date: string; today: string; soon: string }) {
  if (date < today) return <span class="badge bg-danger">Scaduta</span>;
  if (date <= soon) return <span class="badge bg-warning text-dark">In scadenza</span>;
  return <span class="badge bg-success">Valida</span>;
}

/** A link that downloads a stored file (Content-Disposition: attachment). */
export function FileLink({ id, filename }: { id: string; filename: string }) {
  return (
    <a href={`/ufficio/file/${id}`}>
      <span safe>{filename}</span>
    </a>
  );
}

/** "Tecnico / Privato": the job type and the user type of a staff member. */
export const jobAndUserType = (jobType: string, userType: string) =>
  `${JOB_TYPE_LABELS[jobType] ?? jobType} / ${USER_TYPE_LABELS[userType] ?? userType}`;
