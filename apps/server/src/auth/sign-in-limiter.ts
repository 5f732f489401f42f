import pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** Sign-in attempts per client address: answers the seconds to wait when over the limit, else 0. */
export interface SignInLimiter {
  hit(address: string): Promise<number>;
  close(): Promise<void>;
}

async function consume(limiter: RateLimiterAbstract, key: string): Promise<number> {
  try {
    await limiter.consume(key);
    return 0;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw rejection;
  }
}

/**
 * The per-address sign-in limit on rate-limiter-flexible: in this process's memory on the embedded SQLite default
 * (one process owns the file), in PostgreSQL when DATABASE_URL is set, so every instance counts the same attempts —
 * the limit is the deployment's, not each instance's (with three instances it would otherwise triple). The library
 * keeps its own table (sign_in_rate_limits) and deletes expired rows itself.
 */
export async function createSignInLimiter({ perMinute, databaseUrl }: { perMinute: number; databaseUrl?: string }): Promise<SignInLimiter> {
  if (!databaseUrl) {
    const limiter = new RateLimiterMemory({ points: perMinute, duration: 60, keyPrefix: 'sign-in' });
    return { hit: (address) => consume(limiter, address), close: async () => {} };
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on('error', () => undefined); // a dropped idle connection is replaced on the next attempt
  const limiter = await new Promise<RateLimiterPostgres>((resolve, reject) => {
    let created: RateLimiterPostgres | undefined = undefined;
    created = new RateLimiterPostgres(
      { storeClient: pool, storeType: 'pool', tableName: 'sign_in_rate_limits', points: perMinute, duration: 60, keyPrefix: 'sign-in', clearExpiredByTimeout: true },
      (error?: Error) => (error ? reject(error) : setImmediate(() => resolve(created!))),
    );
  }).catch(async (error: unknown) => {
    await pool.end();
    throw error;
  });
  return { hit: (address) => consume(limiter, address), close: () => pool.end() };
}
