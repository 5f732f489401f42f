import type { Generated } from 'kysely';
import type { StepStatus, TenantRole } from '@tcc/shared';

/** Table shapes as Kysely sees them. Timestamps are ISO-8601 strings in both SQLite and PostgreSQL. */
export interface TenantTable {
  id: string;
  name: string;
  /** Lower-cased name: unique per store, so "ACME" and "Acme" cannot both exist. */
  name_key: string;
  created_at: string;
  updated_at: string;
  updated_by: string;
  /** Seconds between health checks of this tenant's connections; null: the server's HEALTH_CHECK_INTERVAL (0010). */
  health_interval_seconds: number | null;
  /** The tenant's counts (0016), kept by the store in the transaction of each change (tenant-counts.ts). */
  connection_count: Generated<number>;
  working_count: Generated<number>;
  attention_count: Generated<number>;
  healthy_count: Generated<number>;
  warning_count: Generated<number>;
  broken_count: Generated<number>;
}

export interface ConnectionTable {
  id: string;
  tenant_id: string;
  display_name: string;
  display_name_key: string;
  subaccount_id: string;
  landscape_domain: string;
  s4_ui_host: string;
  s4_api_host: string;
  s4_client: string;
  /** 1 when the connection points at the built-in SAP sandbox. */
  is_sandbox: number;
  /** The last connection test (ConnectionTest as JSON), or null. */
  last_test_json: string | null;
  /** The last test's outcome and time, also in last_test_json: columns so lists can count working connections. */
  last_test_outcome: 'succeeded' | 'failed' | 'not-tested' | null;
  last_test_at: string | null;
  /** Summaries of step_progress and the certificate's expiry (0014), kept by the store in the change's transaction. */
  finished_count: Generated<number>;
  failed_count: Generated<number>;
  touched_count: Generated<number>;
  last_step_change_at: string | null;
  first_failed_step: number | null;
  first_failed_note: string | null;
  certificate_not_after: string | null;
  /** The latest health as a rank (0015): broken 0, warning 1, unknown or unchecked 2, healthy 3; kept by the health store. */
  health_rank: Generated<number>;
  /** What the connection is counted as in its tenant's counts (0016): working, needing attention, health rank. */
  counted_working: Generated<number>;
  counted_attention: Generated<number>;
  counted_rank: Generated<number>;
  version: number;
  created_at: string;
  updated_at: string;
  updated_by: string;
}

export interface StepProgressTable {
  connection_id: string;
  tenant_id: string;
  step_id: number;
  status: StepStatus;
  /** JSON object of the values entered at this step. */
  values_json: string;
  note: string | null;
  updated_at: string;
  updated_by: string;
}

export interface TrustCertificateTable {
  connection_id: string;
  tenant_id: string;
  file_name: string;
  pem: string;
  subject: string;
  cn: string;
  issuer: string;
  fingerprint_sha256: string;
  serial_number: string;
  not_before: string;
  not_after: string;
  key_type: string;
  key_size: number | null;
  self_signed: number;
  uploaded_at: string;
  uploaded_by: string;
}

export interface UserTable {
  id: string;
  /** With `subject`, who the user is (unique together); `username` is an attribute (migration 0008). */
  issuer: string;
  subject: string;
  username: string;
  display_name: string;
  password_hash: string | null;
  system_admin: number;
  failed_sign_ins: number;
  locked_until: string | null;
  created_at: string;
  disabled: number;
}

export interface MembershipTable {
  tenant_id: string;
  user_id: string;
  role: TenantRole;
}

export interface SessionTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface AuditEventTable {
  id: Generated<number>;
  tenant_id: string;
  at: string;
  actor: string;
  action: string;
  connection_id: string | null;
  object: string | null;
  result: 'ok' | 'refused' | 'failed';
  detail: string | null;
}

export interface ConnectionSecretTable {
  connection_id: string;
  tenant_id: string;
  kind: string;
  ciphertext: string;
  meta_json: string;
  updated_at: string;
  updated_by: string;
}

export interface AutomationRunTable {
  id: string;
  tenant_id: string;
  connection_id: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  started_by: string;
  units_json: string;
  calls_json: string;
  error: string | null;
  /** The instance executing the run and until when (migration 0013); a lapsed lease is a run cut by a crash. */
  lease_by: string | null;
  lease_until: string | null;
  /** Times an instance that stopped cut the run (migration 0018): counted when another takes over its lease. */
  cut_count: Generated<number>;
}

/** The latest health of a connection and its scheduling lease (migration 0010, health/). */
export interface ConnectionHealthTable {
  connection_id: string;
  tenant_id: string;
  state: string;
  since: string | null;
  findings_json: string;
  last_check_at: string | null;
  next_check_at: string;
  consecutive_failures: number;
  certificate_not_after: string | null;
  /** The last expiry threshold (60/30/7/0 days) the active certificate crossed, or null. */
  certificate_threshold: number | null;
  claimed_until: string | null;
  claimed_by: string | null;
}

export interface HealthEventTable {
  id: string;
  tenant_id: string;
  connection_id: string;
  at: string;
  first_at: string;
  kind: string;
  state: string;
  previous_state: string | null;
  summary: string;
  findings_json: string;
  checks: number;
  signature: string;
}

/** Alerts (0011). */
export interface AlertChannelTable {
  id: string;
  tenant_id: string;
  kind: string;
  name: string;
  target: string;
  secret_ciphertext: string | null;
  digest: number;
  enabled: number;
  created_at: string;
  updated_at: string;
  updated_by: string;
}

export interface AlertOutboxTable {
  id: string;
  tenant_id: string;
  transition_id: string | null;
  connection_id: string | null;
  event: string;
  state: string | null;
  payload_json: string;
  created_at: string;
}

export interface AlertDeliveryTable {
  id: string;
  tenant_id: string;
  outbox_id: string;
  channel_id: string;
  status: string;
  digest: number;
  attempts: number;
  next_attempt_at: string | null;
  claimed_until: string | null;
  claimed_by: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface Database {
  alert_channels: AlertChannelTable;
  alert_outbox: AlertOutboxTable;
  alert_deliveries: AlertDeliveryTable;
  connection_health: ConnectionHealthTable;
  health_events: HealthEventTable;
  automation_runs: AutomationRunTable;
  connection_secrets: ConnectionSecretTable;
  audit_events: AuditEventTable;
  users: UserTable;
  memberships: MembershipTable;
  sessions: SessionTable;
  tenants: TenantTable;
  connections: ConnectionTable;
  step_progress: StepProgressTable;
  trust_certificates: TrustCertificateTable;
}
