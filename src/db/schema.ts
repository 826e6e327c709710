import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface TenantsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  logo_url: string | null;
  activation_email: string;
  support_phone: string | null;
  support_hours: string | null;
  privacy_url: string | null;
  password_policy: string;
  login_by_email: Generated<boolean>;
  created_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  tenant_id: string;
  username: string;
  email: string;
  full_name: string;
  password_hash: string;
  role: string;
  status: string;
  must_change_password: Generated<boolean>;
  failed_logins: Generated<number>;
  email_verified_at: Timestamp | null;
  last_login_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OneTimeCodesTable {
  id: Generated<string>;
  tenant_id: string;
  user_id: string;
  purpose: string;
  code_hash: string;
  target_email: string | null;
  attempts: Generated<number>;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface SessionsTable {
  sid: string;
  tenant_id: string | null;
  user_id: string | null;
  data: Json<Record<string, unknown>>;
  expires_at: Timestamp;
  updated_at: Timestamp;
}

export interface MailOutboxTable {
  id: Generated<string>;
  tenant_id: string | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  attachments: Json<TMailAttachmentRow[]>;
  status: Generated<string>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export type TMailAttachmentRow = { filename: string; contentType: string; contentBase64: string };

export interface AuditLogTable {
  id: Generated<string>;
  tenant_id: string | null;
  seq: number;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  summary: Json<Record<string, unknown>>;
  ip: string | null;
  created_at: Timestamp;
  prev_hash: string;
  hash: string;
}

export interface UnknownLoginFailuresTable {
  tenant_id: string;
  login_key: string;
  failures: Generated<number>;
  updated_at: Timestamp;
}

export interface SpentChallengesTable {
  signature: string;
  expires_at: Timestamp;
}

export interface Database {
  tenants: TenantsTable;
  users: UsersTable;
  one_time_codes: OneTimeCodesTable;
  sessions: SessionsTable;
  mail_outbox: MailOutboxTable;
  audit_log: AuditLogTable;
  spent_challenges: SpentChallengesTable;
  unknown_login_failures: UnknownLoginFailuresTable;
}

export type TTenantRow = Selectable<TenantsTable>;
export type TUserRow = Selectable<UsersTable>;
export type TNewUser = Insertable<UsersTable>;
export type TAuditRow = Selectable<AuditLogTable>;
export type TMailRow = Selectable<MailOutboxTable>;
