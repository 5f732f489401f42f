import type { AlertStore } from './alert-store.js';
import type { CertificateFacts } from '../certificates/analyze-certificate.js';
import type { CONNECTION_SORT_KEYS, ConnectionTest, EnteredValues, StepStatus, TENANT_SORT_KEYS, TenantRole } from '@tcc/shared';
import type { AuditStore } from './audit-store.js';
import type { AutomationStore } from './automation-store.js';
import type { AuthStore } from './auth-store.js';
import type { HealthRecord, HealthStore } from './health-store.js';

export interface Stamp {
  at: string;
  by: string;
}

export interface PageQuery<S extends string> {
  q?: string;
  sort: S;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export interface Page<T> {
  rows: T[];
  total: number;
}

export interface TenantRecord {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
  connectionCount: number;
  workingCount: number;
  attentionCount: number;
  /** Connections by health state; unknown includes those never checked. */
  healthyCount: number;
  warningCount: number;
  brokenCount: number;
  unknownCount: number;
  /** The role of the user the tenant was read for. */
  role: TenantRole;
}

export interface ConnectionRecord {
  id: string;
  tenantId: string;
  displayName: string;
  subaccountId: string;
  landscapeDomain: string;
  s4UiHost: string;
  s4ApiHost: string;
  s4Client: string;
  sandbox: boolean;
  /** True once an assisted-setup run has succeeded. */
  automated: boolean;
  /** The last connection test as it was recorded. */
  lastTest: ConnectionTest | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

export interface ConnectionListRecord extends ConnectionRecord {
  finishedCount: number;
  failedCount: number;
  touchedCount: number;
  certificateNotAfter: string | null;
  /** When a step last changed (null: none recorded). */
  lastStepChangeAt: string | null;
  /** The lowest failed step and its message, for "needs attention". */
  firstFailedStep: { stepId: number; note: string | null } | null;
  /** The latest health (null: not scheduled yet). */
  health: HealthRecord | null;
}

export interface StepRecord {
  stepId: number;
  status: StepStatus;
  values: EnteredValues;
  note: string | null;
  updatedAt: string;
  updatedBy: string;
}

/** The certificate as uploaded: its facts, plus who uploaded which file when. */
export interface CertificateRecord extends CertificateFacts {
  fileName: string;
  uploadedAt: string;
  uploadedBy: string;
}

export interface ConnectionAggregate {
  connection: ConnectionRecord;
  steps: StepRecord[];
  certificate: CertificateRecord | null;
  /** The latest health (null: not scheduled yet); absent where a caller does not need it. */
  health?: HealthRecord | null;
}

export const SECRET_KINDS = ['destinationServiceKey', 'communicationManagementPassword', 'taskCenterUserPassword', 'testUserPassword'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

/** One encrypted credential of a connection; `meta` is what may be shown (e.g. the service key's clientid). */
export interface SecretRecord {
  kind: SecretKind;
  ciphertext: string;
  meta: Record<string, string>;
  updatedAt: string;
  updatedBy: string;
}

/** What one versioned change of a connection writes, all or nothing. */
export interface ConnectionChange {
  displayName?: string;
  steps?: StepRecord[];
  certificate?: CertificateRecord;
  secrets?: SecretRecord[];
}

export type ChangeOutcome = 'changed' | 'stale' | 'missing';

/** A unique constraint refused a write; `constraint` names what is duplicated. */
export class DuplicateError extends Error {
  constructor(readonly constraint: 'tenant-name' | 'connection-name' | 'connection-pair') {
    super(`duplicate ${constraint}`);
  }
}

/**
 * The persistence boundary. The tenant ID is an explicit argument of every method that touches tenant data: there is
 * no "current tenant", and a connection ID from another tenant finds nothing.
 */
export interface Store extends AuthStore, AuditStore, AutomationStore, HealthStore, AlertStore {
  readonly kind: 'sqlite' | 'postgres';
  ping(): Promise<void>;
  close(): Promise<void>;

  /** The tenants `userId` is a member of. */
  listTenants(userId: string, query: PageQuery<(typeof TENANT_SORT_KEYS)[number]>): Promise<Page<TenantRecord>>;
  /** The tenant as `userId` sees it; undefined when it does not exist or they are not a member. */
  getTenant(tenantId: string, userId: string): Promise<TenantRecord | undefined>;
  /** Creates the tenant with `creatorId` as its admin. */
  createTenant(tenant: { id: string; name: string }, creatorId: string, stamp: Stamp): Promise<void>;
  renameTenant(tenantId: string, name: string, stamp: Stamp): Promise<boolean>;
  deleteTenant(tenantId: string): Promise<boolean>;

  /** `needsAttention`: only connections whose health is warning or broken. */
  listConnections(tenantId: string, query: PageQuery<(typeof CONNECTION_SORT_KEYS)[number]> & { needsAttention?: boolean }): Promise<Page<ConnectionListRecord>>;
  getConnection(tenantId: string, connectionId: string): Promise<ConnectionAggregate | undefined>;
  createConnection(tenantId: string, connection: Omit<ConnectionRecord, 'tenantId' | 'version' | 'createdAt' | 'updatedAt' | 'updatedBy' | 'automated' | 'lastTest'>, stamp: Stamp): Promise<void>;
  /** Applies the change only if the connection is still at `expectedVersion`, and bumps the version. */
  changeConnection(tenantId: string, connectionId: string, expectedVersion: number, change: ConnectionChange, stamp: Stamp): Promise<ChangeOutcome>;
  deleteConnection(tenantId: string, connectionId: string, expectedVersion: number): Promise<ChangeOutcome>;
  getSecrets(tenantId: string, connectionId: string): Promise<SecretRecord[]>;
  /** Every secret of every tenant, for key rotation only. */
  allSecrets(): Promise<(SecretRecord & { connectionId: string })[]>;
  replaceCiphertext(connectionId: string, kind: SecretKind, ciphertext: string): Promise<void>;
  /**
   * Notes in the secret's meta that SAP refused it (meta.refusedAt), unless it was replaced since `updatedAt`: the
   * credential is then not used again until it is changed. No version bump: it is SAP's answer, not an edit.
   */
  markSecretRefused(tenantId: string, connectionId: string, kind: SecretKind, updatedAt: string, refusedAt: string): Promise<void>;
  /** Whether any tenant has a connection to the built-in sandbox (seeding runs only when none has). */
  hasSandboxConnection(): Promise<boolean>;
}
