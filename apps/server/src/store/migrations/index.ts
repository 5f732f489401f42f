import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';
import * as sandboxConnections from './0002-sandbox-connections.js';

/** Versioned migrations, applied in name order at start. Add new ones at the end; never edit an applied one. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-sandbox-connections': sandboxConnections,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
