import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/server/src/**/*.test.ts', 'apps/server/test/**/*.test.ts', 'apps/sandbox/src/**/*.test.ts', 'apps/sandbox/test/**/*.test.ts', 'apps/web/src/**/*.test.ts'],
    // Tests that need several server processes on one PostgreSQL database run only in the PostgreSQL pass (TEST_STORE=postgres).
    exclude: process.env.TEST_STORE === 'postgres' ? ['**/node_modules/**'] : ['**/node_modules/**', '**/*.pg.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
