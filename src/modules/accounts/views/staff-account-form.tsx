import { ROLES } from '../../../auth/permissions.js';
import { PostForm, RequiredNote, SelectField, TextField, type TFormState } from '../../../layout/form-kit.js';
import type { TPageContext } from '../../../layout/layout.js';
import { USERNAME_RULE } from '../schemas.js';
import { ACCOUNT_LABELS as LABELS, policyHint } from './form-parts.js';

/** The administrators' form that creates an officer or another administrator. */
export function StaffAccountForm({ ctx, form }: { ctx: TPageContext; form: TFormState }) {
  return (
    <PostForm
      form={form}
      labels={LABELS}
      action="/amministrazione/utenti"
      csrfToken={ctx.csrfToken}
      submit="Crea utente"
    >
      <RequiredNote />
      <TextField form={form} name="full_name" label="Nome e cognome" required />
      <TextField form={form} name="email" label="Email" type="email" required />
      <TextField form={form} name="username" label="Nome Utente" hint={USERNAME_RULE} required />
      <SelectField
        form={form}
        name="role"
        label="Ruolo"
        required
        options={[
          { value: 'officer', label: ROLES.officer.label },
          { value: 'tenant_admin', label: ROLES.tenant_admin.label },
        ]}
      />
      <TextField
        form={form}
        name="initial_password"
        label="Password iniziale"
        type="password"
        hint={`${policyHint(ctx)} Comunicala di persona: al primo accesso l'utente dovrà cambiarla.`}
        required
        autocomplete="new-password"
      />
    </PostForm>
  );
}
