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
] as const;

export type TPermission = (typeof PERMISSIONS)[number];

export const ROLES = {
  citizen: { label: 'Cittadino', permissions: ['profile:manage'] },
  officer: { label: "Operatore dell'ente", permissions: ['profile:manage', 'backoffice:access', 'audit:read'] },
  tenant_admin: {
    label: "Amministratore dell'ente",
    permissions: ['profile:manage', 'backoffice:access', 'audit:read', 'tenant:configure', 'users:manage'],
  },
} as const satisfies Record<string, { label: string; permissions: readonly TPermission[] }>;

export type TRole = keyof typeof ROLES;

export function isRole(v: string): v is TRole {
  return Object.hasOwn(ROLES, v);
}

/** Denied unless the role explicitly grants the permission; unknown roles grant nothing. */
export function can(role: string | undefined | null, permission: TPermission): boolean {
  if (!role || !isRole(role)) return false;
  return (ROLES[role].permissions as readonly TPermission[]).includes(permission);
}
