import type { listAudit, verifyTenantAudit } from '../../audit/audit-log.js';
import { PASSWORD_POLICIES, PASSWORD_POLICY_IDS } from '../../auth/password-policy.js';
import { isRole, ROLES } from '../../auth/permissions.js';
import { CsrfField, ErrorSummary, SelectField, TextField, type TFormState } from '../../layout/form-kit.js';
import { DataTable } from '../../layout/data-table.js';
import { Layout, type TPageContext } from '../../layout/layout.js';
import { type listUsers, userStatusLabel } from '../accounts/users.js';
import { StaffAccountForm } from '../accounts/views/staff-account-form.js';

/** Pages of the tenant's administration: settings, users, activity log. */

export function TenantSettingsPage({ ctx, form }: { ctx: TPageContext; form: TFormState }) {
  return (
    <Layout ctx={ctx} title="Impostazioni ente">
      <h1>Impostazioni ente</h1>
      <ErrorSummary
        form={form}
        labels={{
          name: "Nome dell'ente",
          activation_email: 'E-mail per le attivazioni',
          support_phone: 'Telefono assistenza',
          support_hours: 'Orari assistenza',
          password_policy: 'Regola per le password',
        }}
      />
      <form method="post" action="/amministrazione/ente" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextField form={form} name="name" label="Nome dell'ente" required />
        <TextField
          form={form}
          name="activation_email"
          label="E-mail per le attivazioni"
          type="email"
          required
        />
        <TextField form={form} name="support_phone" label="Telefono assistenza" type="tel" />
        <TextField
          form={form}
          name="support_hours"
          label="Orari assistenza"
          hint="Per esempio: dal lunedì al venerdì dalle 9.00 alle 12.30"
        />
        <SelectField
          form={form}
          name="password_policy"
          label="Regola per le password"
          required
          options={PASSWORD_POLICY_IDS.map((id) => ({ value: id, label: PASSWORD_POLICIES[id] }))}
        />
        <button type="submit" class="btn btn-primary">
          Salva
        </button>
      </form>
    </Layout>
  );
}

export function UsersPage({
  ctx,
  form,
  users,
}: {
  ctx: TPageContext;
  form: TFormState;
  users: Awaited<ReturnType<typeof listUsers>>;
}) {
  return (
    <Layout ctx={ctx} title="Utenti">
      <h1>Utenti dell'ente</h1>
      <DataTable
        caption="Account registrati"
        columns={['Nome Utente', 'Nome e cognome', 'Email', 'Ruolo', 'Stato']}
      >
        {users.map((u) => (
          <tr>
            <td safe>{u.username}</td>
            <td safe>{u.full_name}</td>
            <td safe>{u.email}</td>
            <td safe>{isRole(u.role) ? ROLES[u.role].label : u.role}</td>
            <td
              safe
            >{`${userStatusLabel(u.status)}${u.must_change_password ? ' (deve cambiare la password)' : ''}`}</td>
          </tr>
        ))}
      </DataTable>
      <h2 class="mt-5">Nuovo utente</h2>
      <StaffAccountForm ctx={ctx} form={form} />
    </Layout>
  );
}

export function AuditPage({
  ctx,
  rows,
  verdict,
}: {
  ctx: TPageContext;
  rows: Awaited<ReturnType<typeof listAudit>>;
  verdict: Awaited<ReturnType<typeof verifyTenantAudit>>;
}) {
  return (
    <Layout ctx={ctx} title="Registro attività">
      <h1>Registro attività</h1>
      {verdict.ok ? (
        <div class="alert alert-success" role="status">
          Catena di integrità verificata: <span safe>{String(verdict.rows)}</span> registrazioni integre.
        </div>
      ) : (
        <div class="alert alert-danger" role="alert" safe>
          {`Catena di integrità interrotta alla registrazione n. ${verdict.brokenSeq}: ${verdict.reason}.`}
        </div>
      )}
      <DataTable
        caption="Ultime 100 attività"
        columns={['N.', 'Data e ora', 'Utente', 'Azione', 'Oggetto', 'IP']}
        small
      >
        {rows.map((r) => (
          <tr>
            <td safe>{String(r.seq)}</td>
            <td safe>{r.created_at.toLocaleString('it-IT', { timeZone: 'Europe/Rome' })}</td>
            <td safe>{r.actor_label}</td>
            <td safe>{r.action}</td>
            <td safe>{`${r.entity_type}${r.entity_id ? ` ${r.entity_id}` : ''}`}</td>
            <td safe>{r.ip ?? ''}</td>
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}
