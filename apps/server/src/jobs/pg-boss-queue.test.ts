import { describe, expect, it } from 'vitest';
import { pgBossRetryOf } from './pg-boss-queue.js';

describe("pg-boss's retry settings (PostgreSQL)", () => {
  it('when a backoff could wait longer than maxDelayMs, then pg-boss retries at a fixed delay within the cap', () => {
    // ALERTS_RETRY_BASE_MS=3600000 with 20 retries: pg-boss would wait up to 2^16 hours.
    expect(pgBossRetryOf({ limit: 20, delayMs: 3_600_000, backoff: true, maxDelayMs: 3_600_000 })).toEqual({ retryLimit: 20, retryDelay: 3_600, retryBackoff: false });
    expect(pgBossRetryOf({ limit: 3, delayMs: 7_200_000, backoff: true, maxDelayMs: 3_600_000 })).toEqual({ retryLimit: 3, retryDelay: 3_600, retryBackoff: false });
  });

  it('when the backoff stays within maxDelayMs, jitter included, then pg-boss backs off; whole seconds, at least one', () => {
    expect(pgBossRetryOf({ limit: 3, delayMs: 30_000, backoff: true, maxDelayMs: 3_600_000 })).toEqual({ retryLimit: 3, retryDelay: 30, retryBackoff: true });
    expect(pgBossRetryOf({ limit: 3, delayMs: 100, backoff: true, maxDelayMs: 3_600_000 })).toEqual({ retryLimit: 3, retryDelay: 1, retryBackoff: true });
    expect(pgBossRetryOf({ limit: 5, delayMs: 450_000, backoff: false })).toEqual({ retryLimit: 5, retryDelay: 450, retryBackoff: false });
  });
});
