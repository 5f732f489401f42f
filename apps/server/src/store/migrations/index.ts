import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';
import * as sandboxConnections from './0002-sandbox-connections.js';
import * as usersAndSessions from './0003-users-and-sessions.js';
import * as auditLog from './0004-audit-log.js';
import * as connectionSecrets from './0005-connection-secrets.js';
import * as automation from './0006-automation.js';
import * as userDisabled from './0007-user-disabled.js';
import * as userIdentity from './0008-user-identity.js';
import * as lastTestOutcome from './0009-last-test-outcome.js';
import * as health from './0010-health.js';
import * as alerts from './0011-alerts.js';
import * as runLease from './0013-run-lease.js';
import * as listScale from './0014-list-scale.js';
import * as healthRank from './0015-health-rank.js';
import * as tenantCounts from './0016-tenant-counts.js';
import * as searchIndex from './0017-search-index.js';
import * as runCuts from './0018-run-cuts.js';

/** Versioned migrations, applied in name order at start. Add new ones at the end; never edit an applied one. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-sandbox-connections': sandboxConnections,
  '0003-users-and-sessions': usersAndSessions,
  '0004-audit-log': auditLog,
  '0005-connection-secrets': connectionSecrets,
  '0006-automation': automation,
  '0007-user-disabled': userDisabled,
  '0008-user-identity': userIdentity,
  '0009-last-test-outcome': lastTestOutcome,
  '0010-health': health,
  '0011-alerts': alerts,
  '0013-run-lease': runLease,
  '0014-list-scale': listScale,
  '0015-health-rank': healthRank,
  '0016-tenant-counts': tenantCounts,
  '0017-search-index': searchIndex,
  '0018-run-cuts': runCuts,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
