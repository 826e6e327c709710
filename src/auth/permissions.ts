/**
 * Roles and permissions, in one place. A role grants a set of permissions; anything not granted is
 * denied. Later modules add their roles and permissions here.
 */
export const PERMISSIONS = [
  'profile:manage',
  'tenant:configure',
  'users:manage',
  'audit:read',
  'backoffice:access',
  'companies:review',
  // Company staff (seed 000, section 2.2); the RCEE module uses these.
  'rcee:prepare',
  'rcee:sign',
  'rcee:read_own',
  'rcee:read_company',
  // Grants "a sportello" (seed 003).
  'grants:apply',
  'grants:review',
  'grants:pay',
  'grants:configure',
] as const;

export type TPermission = (typeof PERMISSIONS)[number];

/** What each permission lets the user do, in the words the reserved area shows. */
export const PERMISSION_DESCRIPTIONS: Record<TPermission, string> = {
  'profile:manage': 'Gestire il proprio profilo e la password',
  'tenant:configure': "Configurare l'ente (contatti, regole per le password)",
  'users:manage': "Creare operatori e amministratori dell'ente",
  'audit:read': 'Consultare il registro delle attività',
  'backoffice:access': "Accedere all'area degli operatori",
  'companies:review': 'Attivare, rifiutare e sospendere ditte e personale',
  'rcee:prepare': 'Caricare i dati dei rapporti di controllo (RCEE)',
  'rcee:sign': 'Firmare i rapporti di controllo (RCEE)',
  'rcee:read_own': 'Consultare i propri rapporti di controllo (RCEE)',
  'rcee:read_company': 'Consultare tutti i rapporti di controllo (RCEE) della ditta',
  'grants:apply': 'Presentare domande di contributo sui bandi',
  'grants:review': 'Istruire le domande di contributo, i controlli a campione e le revoche',
  'grants:pay': 'Predisporre gli ordini di pagamento dei contributi',
  'grants:configure': 'Creare e modificare i bandi',
};

const OFFICER = [
  'profile:manage',
  'backoffice:access',
  'audit:read',
  'companies:review',
  'grants:review',
  'grants:pay',
] as const;

export const ROLES = {
  citizen: { label: 'Cittadino', permissions: ['profile:manage', 'grants:apply'] },
  officer: { label: "Operatore dell'ente", permissions: [...OFFICER] },
  tenant_admin: {
    label: "Amministratore dell'ente",
    permissions: [...OFFICER, 'tenant:configure', 'users:manage', 'grants:configure'],
  },
  // Tipo Impiego × Tipo Utente: Tecnico signs RCEE, Amministrativo only prepares them;
  // Privato sees own reports, Supervisore all the company's.
  staff_tecnico_privato: {
    label: 'Tecnico (Privato)',
    permissions: ['profile:manage', 'rcee:prepare', 'rcee:sign', 'rcee:read_own'],
  },
  staff_tecnico_supervisore: {
    label: 'Tecnico (Supervisore)',
    permissions: ['profile:manage', 'rcee:prepare', 'rcee:sign', 'rcee:read_own', 'rcee:read_company'],
  },
  staff_amministrativo_privato: {
    label: 'Amministrativo (Privato)',
    permissions: ['profile:manage', 'rcee:prepare', 'rcee:read_own'],
  },
  staff_amministrativo_supervisore: {
    label: 'Amministrativo (Supervisore)',
    permissions: ['profile:manage', 'rcee:prepare', 'rcee:read_own', 'rcee:read_company'],
  },
} as const satisfies Record<string, { label: string; permissions: readonly TPermission[] }>;

/** The role of a company staff member from the two choices of the registration form. */
export function staffRole(jobType: 'tecnico' | 'amministrativo', userType: 'privato' | 'supervisore'): TRole {
  return `staff_${jobType}_${userType}` as const;
}

export type TRole = keyof typeof ROLES;

export function isRole(v: string): v is TRole {
  return Object.hasOwn(ROLES, v);
}

/** Denied unless the role explicitly grants the permission; unknown roles grant nothing. */
export function can(role: string | undefined | null, permission: TPermission): boolean {
  if (!role || !isRole(role)) return false;
  return (ROLES[role].permissions as readonly TPermission[]).includes(permission);
}
