import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { TenantId } from '../tenancy/tenant.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface TenantsTable {
  id: Generated<TenantId>;
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
  tenant_id: TenantId;
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
  tenant_id: TenantId;
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
  tenant_id: TenantId | null;
  user_id: string | null;
  data: Json<Record<string, unknown>>;
  expires_at: Timestamp;
  updated_at: Timestamp;
}

export interface MailOutboxTable {
  id: Generated<string>;
  tenant_id: TenantId | null;
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

export type TDeclarationSection = { title: string; rows: Array<[string, string]> };

export type TMailAttachmentRow = { filename: string; contentType: string; contentBase64: string };

export interface AuditLogTable {
  id: Generated<string>;
  tenant_id: TenantId | null;
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
  tenant_id: TenantId;
  login_key: string;
  failures: Generated<number>;
  updated_at: Timestamp;
}

export interface SpentChallengesTable {
  signature: string;
  expires_at: Timestamp;
}

type DateColumn = ColumnType<string, string, string>;

export interface StoredFilesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  created_at: Timestamp;
}

export interface CompaniesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  registration_number: string;
  status: string;
  lr_full_name: string;
  lr_tax_code: string;
  lr_email: string;
  business_name: string;
  vat_number: string;
  company_tax_code: string | null;
  company_email: string;
  pec: string | null;
  municipality_istat: string;
  municipality_name: string;
  cap: string;
  street: string;
  street_number: string | null;
  phone: string;
  fax: string | null;
  mobile: string | null;
  sdi_code: string | null;
  cciaa_number: string;
  cciaa_municipality: string;
  rea_number: string | null;
  rea_municipality: string;
  activity_start_date: DateColumn;
  chamber_certificate_file_id: string | null;
  insurance_policy_file_id: string | null;
  receipt_file_id: string | null;
  receipt_hash: string;
  declaration_sections: Json<TDeclarationSection[]>;
  signed_at: Timestamp | null;
  signed_ip: string | null;
  signed_receipt_hash: string | null;
  decision_reason: string | null;
  privacy_accepted_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CompanyStaffTable {
  id: Generated<string>;
  tenant_id: TenantId;
  company_id: string;
  user_id: string;
  registration_number: string;
  full_name: string;
  tax_code: string;
  email: string;
  job_type: string;
  user_type: string;
  status: string;
  send_email_to_user: boolean;
  lr_confirmed_at: Timestamp | null;
  decision_reason: string | null;
  receipt_hash: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CertificationsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  company_id: string;
  staff_id: string | null;
  kind: string;
  reference_date: DateColumn;
  expiry_date: DateColumn;
  last_check_expiry_date: DateColumn | null;
}

export interface CertificationWarningsTable {
  certification_id: string;
  warning: string;
  due_on: DateColumn;
  tenant_id: TenantId;
  sent_at: Timestamp;
}

export interface CompanyLinksTable {
  id: Generated<string>;
  tenant_id: TenantId;
  company_id: string;
  staff_id: string | null;
  purpose: string;
  token_hash: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface CompanyDocumentsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  company_id: string;
  doc_type: string;
  description: string | null;
  file_id: string;
  uploaded_at: Timestamp;
}

export interface TenantCountersTable {
  tenant_id: TenantId;
  name: string;
  value: number;
}

export interface CustomersTable {
  id: Generated<string>;
  tenant_id: TenantId;
  customer_code: string;
  customer_type: string;
  name: string;
  tax_code: string;
  email: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CustomerLinksTable {
  tenant_id: TenantId;
  user_id: string;
  customer_id: string;
  created_at: Timestamp;
}

export interface AssociationAttemptsTable {
  tenant_id: TenantId;
  user_id: string;
  attempted_at: Timestamp;
}

export interface DocumentsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  customer_id: string;
  external_id: string;
  doc_type: string;
  title: string;
  issued_on: DateColumn;
  file_id: string;
  published_at: Timestamp;
  first_downloaded_at: Timestamp | null;
  notices_sent: Generated<number>;
  last_notice_at: Timestamp | null;
}

export interface DocumentNoticesTable {
  document_id: string;
  notice_no: number;
  tenant_id: TenantId;
  sent_at: Timestamp;
}

export interface SmsOutboxTable {
  id: Generated<string>;
  tenant_id: TenantId | null;
  to_number: string;
  body: string;
  status: Generated<string>;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  tenant_id: TenantId;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface GrantCallsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  code: string;
  protocol_prefix: string;
  title: string;
  summary: Generated<string>;
  how_to_apply: Generated<string>;
  published: Generated<boolean>;
  budget_cents: number;
  opens_at: Timestamp;
  closes_at: Timestamp;
  partial_funding: Generated<boolean>;
  /** JSON of TCallRules (src/modules/grants/call-rules.ts). */
  rules: ColumnType<unknown, string, string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface GrantApplicationsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  call_id: string;
  user_id: string;
  status: Generated<string>;
  funding: Generated<string>;
  /** JSON of the Allegato A answers (src/modules/grants/application-data.ts). */
  data: ColumnType<unknown, string | undefined, string>;
  step: Generated<number>;
  applicant_cf: string | null;
  property_key: string | null;
  protocol: string | null;
  arrival_seq: number | null;
  submitted_at: Date | null;
  verification_code: string | null;
  requested_cents: number | null;
  reserved_cents: Generated<number>;
  funded_at: Date | null;
  receipt_sent_at: Date | null;
  integration_message: string | null;
  integration_requested_at: Date | null;
  integration_due_at: Date | null;
  integration_answered_at: Date | null;
  decided_at: Date | null;
  decision_reason: string | null;
  withdrawn_at: Date | null;
  revoked_at: Date | null;
  revocation_reason: string | null;
  paid_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface GrantApplicationFilesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  application_id: string;
  kind: string;
  file_id: string;
  phase: Generated<string>;
  created_at: Generated<Date>;
}

export interface GrantLedgerTable {
  id: Generated<number>;
  tenant_id: TenantId;
  call_id: string;
  application_id: string | null;
  kind: string;
  delta_cents: number;
  available_after_cents: number;
  note: Generated<string>;
  created_at: Generated<Date>;
}

export interface GrantSampleDrawsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  call_id: string;
  seed: string;
  percent: number;
  population: ColumnType<unknown, string, string>;
  selected: ColumnType<unknown, string, string>;
  drawn_by: string;
  drawn_at: Generated<Date>;
}

export interface GrantSampleChecksTable {
  draw_id: string;
  tenant_id: TenantId;
  application_id: string;
  outcome: Generated<string>;
  note: Generated<string>;
  recorded_at: Date | null;
}

export interface GrantPaymentOrdersTable {
  id: Generated<string>;
  tenant_id: TenantId;
  call_id: string;
  number: string;
  status: Generated<string>;
  total_cents: number;
  created_by: string;
  created_at: Generated<Date>;
  paid_at: Date | null;
}

export interface GrantPaymentItemsTable {
  order_id: string;
  tenant_id: TenantId;
  application_id: string;
  amount_cents: number;
}

export interface GrantRecoveriesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  application_id: string;
  amount_cents: number;
  reason: string;
  created_at: Generated<Date>;
  recovered_at: Date | null;
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
  stored_files: StoredFilesTable;
  companies: CompaniesTable;
  company_staff: CompanyStaffTable;
  certifications: CertificationsTable;
  certification_warnings: CertificationWarningsTable;
  company_links: CompanyLinksTable;
  company_documents: CompanyDocumentsTable;
  tenant_counters: TenantCountersTable;
  customers: CustomersTable;
  customer_links: CustomerLinksTable;
  association_attempts: AssociationAttemptsTable;
  documents: DocumentsTable;
  document_notices: DocumentNoticesTable;
  sms_outbox: SmsOutboxTable;
  api_tokens: ApiTokensTable;
  grant_calls: GrantCallsTable;
  grant_applications: GrantApplicationsTable;
  grant_application_files: GrantApplicationFilesTable;
  grant_ledger: GrantLedgerTable;
  grant_sample_draws: GrantSampleDrawsTable;
  grant_sample_checks: GrantSampleChecksTable;
  grant_payment_orders: GrantPaymentOrdersTable;
  grant_payment_items: GrantPaymentItemsTable;
  grant_recoveries: GrantRecoveriesTable;
}

export type TGrantCallRow = Selectable<GrantCallsTable>;
export type TGrantApplicationRow = Selectable<GrantApplicationsTable>;

export type TTenantRow = Selectable<TenantsTable>;
export type TUserRow = Selectable<UsersTable>;
export type TNewUser = Insertable<UsersTable>;
export type TAuditRow = Selectable<AuditLogTable>;
export type TMailRow = Selectable<MailOutboxTable>;
