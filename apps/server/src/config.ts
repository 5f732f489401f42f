import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LOG_LEVELS } from './logger.js';

// The sources (apps/server/src/config.ts) and the bundle `npm start` runs (apps/server/dist/index.js) sit at the same
// depth, so both find the repository root, and with it data/ and apps/web/dist, from their own location.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The shortest HEALTH_CHECK_INTERVAL accepted. */
export const HEALTH_INTERVAL_MIN_SECONDS = 10;

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  /** Loopback by default: the app holds setup data of customers' SAP systems. Set 0.0.0.0 deliberately. */
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default(path.join(repoRoot, 'data')),
  /**
   * PostgreSQL instead of the SQLite file in DATA_DIR: postgres://user:password@host:5432/database, with
   * ?sslmode=verify-full (and sslrootcert=<CA file> for a private CA) for TLS. DATA_DIR still holds the secrets key file.
   */
  DATABASE_URL: z
    .string()
    .trim()
    .refine((value) => /^postgres(ql)?:\/\/\S+$/i.test(value) && URL.canParse(value), {
      message: 'DATABASE_URL is a PostgreSQL URL such as postgres://user:password@host:5432/database (postgres:// or postgresql://, special characters in the password percent-encoded); leave it unset for the SQLite file in DATA_DIR',
    })
    .optional(),
  /**
   * Background jobs (assisted-setup runs, health checks, alert deliveries) on PostgreSQL run on pg-boss. JOB_WORKERS=off
   * makes an instance serve HTTP only (its runs execute on the others). A job whose instance died expires after
   * JOB_EXPIRE_SECONDS and is taken over, at most JOB_RETRY_LIMIT times (then a run is marked interrupted with why);
   * pg-boss looks for expired jobs every JOB_MAINTENANCE_SECONDS; instances ask for work every JOB_POLL_SECONDS.
   * The instance executing a run renews its lease (RUN_LEASE_SECONDS) so a retry never runs it twice; so does the one
   * starting it until the run's job exists: a run whose starter died before is ended within RUN_LEASE_SECONDS +
   * JOB_MAINTENANCE_SECONDS (automation/orphan-runs.ts).
   */
  JOB_WORKERS: z.enum(['on', 'off'], { error: 'JOB_WORKERS is on or off.' }).default('on'),
  JOB_EXPIRE_SECONDS: z.coerce.number().int().min(2).max(86_400).default(900),
  JOB_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
  JOB_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
  JOB_RETRY_LIMIT: z.coerce.number().int().min(0).max(100).default(5),
  RUN_LEASE_SECONDS: z.coerce.number().int().min(2).max(3_600).default(60),
  WEB_DIST: z.string().min(1).default(path.join(repoRoot, 'apps/web/dist')),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /**
   * The built-in SAP sandbox (a simulated BTP subaccount and S/4HANA tenant) starts beside the product and a demo
   * tenant points at it. Set SANDBOX=off for real use: then no sandbox host is reachable through the product.
   * SANDBOX=external uses a sandbox started separately (`npm run sandbox`), e.g. one that outlives server restarts.
   */
  SANDBOX: z.enum(['on', 'off', 'external']).default('on'),
  /** With SANDBOX=external: the descriptor `npm run sandbox` wrote, for a sandbox running in its own process. */
  SANDBOX_DESCRIPTOR: z.string().min(1).default(path.join(repoRoot, 'data/sandbox.json')),
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4004),
  /** Sandbox fault injection at start, as JSON (see the sandbox's FaultSettings), e.g. {"latencyMs":100}. */
  SANDBOX_FAULTS: z.string().optional(),
  /**
   * How the sandbox settles what SAP does not document (apps/sandbox/src/profile.ts): `evidence` (default, each choice
   * as its best source reads), `strict` (every choice the hardest way), `lenient`, or JSON switches.
   */
  SANDBOX_PROFILE: z.string().optional(),
  /**
   * local: accounts of this app with sessions (the embedded default). jwt: bearer tokens of an identity provider
   * (XSUAA behind SAP's application router, SAP Cloud Identity Services, or any OpenID Connect provider).
   */
  AUTH_MODE: z.enum(['local', 'jwt']).default('local'),
  JWT_JWKS_URL: z.url().optional(),
  /** The provider's issuer URL, exactly as its tokens' `iss` (a URL, so it can never be the issuer of local accounts). */
  JWT_ISSUER: z.url('JWT_ISSUER is the identity provider’s issuer URL, exactly as in its tokens’ iss claim, e.g. https://<subdomain>.authentication.<region>.hana.ondemand.com/oauth/token').optional(),
  JWT_AUDIENCE: z.string().optional(),
  /** The full token scope that makes its holder a system admin, e.g. `tcc!t1.Admin` (exact match; a suffix is not enough). */
  JWT_ADMIN_SCOPE: z.string().optional(),
  /** Password of the initial administrator "admin" created on first start without the sandbox (random if unset). */
  INITIAL_ADMIN_PASSWORD: z.string().min(12, 'INITIAL_ADMIN_PASSWORD needs at least 12 characters').optional(),
  SESSION_TTL_MINUTES: z.coerce.number().int().min(5).max(7 * 24 * 60).default(480),
  MAX_FAILED_SIGN_INS: z.coerce.number().int().min(1).max(100).default(5),
  LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  SIGN_INS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  /** AES-256 key for secrets at rest (base64 of 32 bytes). Unset: a key file in DATA_DIR, created with 0600. */
  SECRETS_KEY: z.string().optional(),
  /** Earlier keys, comma-separated, while `npm run secrets:rotate` re-encrypts (docs/security/key-rotation.md). */
  SECRETS_PREVIOUS_KEYS: z.string().optional(),
  /** Time allowed for one attempt of one SAP call (retries come on top). */
  SAP_CALL_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
  /**
   * The OAuth 2.0 client ID assisted setup puts into the destination's clientKey. S/4 gives API-created clients an internal
   * CC… ID ([3rd-verified]); `user-name` renames it to the communication user's name, as Fiori shows it (6e5e004), and uses
   * the derived ID where S/4 refuses; `as-derived` uses what S/4 derived. Either way the value is read back from S/4.
   */
  S4_CLIENT_ID: z.enum(['user-name', 'as-derived']).default('user-name'),
  /** Scheduled read-only health checks of every connection (health/); `off` leaves only Check now. */
  HEALTH_CHECKS: z.enum(['on', 'off'], { error: 'HEALTH_CHECKS is on or off.' }).default('on'),
  /**
   * How often each connection is checked: a number with s, m or h (15m, 30s, 1h); a bare number is minutes. Each check
   * reads about a dozen SAP objects, so anything under 10 seconds is refused. Tenants may set their own (5 min or more).
   */
  HEALTH_CHECK_INTERVAL: z
    .string()
    .trim()
    .regex(/^\d+\s*[smh]?$/i, 'HEALTH_CHECK_INTERVAL is a duration such as 15m, 30s or 1h (a bare number is minutes).')
    .transform((value) => Number(value.replace(/\D/g, '')) * ({ s: 1, m: 60, h: 3600 }[(value.match(/[smh]$/i)?.[0] ?? 'm').toLowerCase() as 's' | 'm' | 'h']))
    .pipe(
      z
        .number()
        .min(HEALTH_INTERVAL_MIN_SECONDS, `HEALTH_CHECK_INTERVAL is at least ${HEALTH_INTERVAL_MIN_SECONDS}s: each check reads about a dozen SAP objects per connection. Use for example 15m (the default).`)
        .max(24 * 3600, 'HEALTH_CHECK_INTERVAL is at most 24h: a connection should be checked at least once a day.'),
    )
    .default(15 * 60),
  /** SAP calls of health checks in flight at once per SAP host (S/4 or BTP), across all connections. */
  HEALTH_MAX_CONCURRENT_PER_HOST: z.coerce.number().int().min(1, 'HEALTH_MAX_CONCURRENT_PER_HOST is at least 1.').max(64, 'HEALTH_MAX_CONCURRENT_PER_HOST is at most 64.').default(4),
  /** Days the health history is kept; older entries are pruned. */
  HEALTH_HISTORY_DAYS: z.coerce.number().int().min(1, 'HEALTH_HISTORY_DAYS is at least 1.').max(3650).default(30),
  /**
   * How long a claimed health check is its instance's: a check cut by a crashed instance (or a killed test server) is
   * free again after it. Checks are cut off 30 s before (or at half of) it.
   */
  HEALTH_LEASE_SECONDS: z.coerce.number().int().min(2).max(3_600).default(300),
  /**
   * How often an open live-progress stream checks that its caller may still read it (session, account, membership);
   * the stream ends within this time of a sign-out, a disabled account or a removed role.
   */
  STREAM_RECHECK_SECONDS: z.coerce.number().min(0.1).max(300).default(15),
  /** Checks in a row in which SAP did not answer before a connection counts as broken (the flapping rule, README). */
  HEALTH_FAILURES_TO_BROKEN: z.coerce.number().int().min(1, 'HEALTH_FAILURES_TO_BROKEN is at least 1.').max(100).default(2),
  /**
   * The SMTP server for e-mail alerts: smtp://user:password@host:587 (STARTTLS, required when the server offers it)
   * or smtps://user:password@host:465 (TLS from the first byte). Unset: e-mail channels cannot be created.
   */
  SMTP_URL: z
    .string()
    .trim()
    .regex(/^smtps?:\/\/[^\s]+$/i, 'SMTP_URL is smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465 (TLS).')
    .optional(),
  /** The sender of e-mail alerts, e.g. "Task Center Connect <alerts@example.com>" or alerts@example.com. */
  SMTP_FROM: z.string().trim().min(3).max(320).optional(),
  /**
   * TEST ONLY. Webhook host names served by a local plain-http receiver, as name=http://127.0.0.1:port pairs separated
   * by commas. Such a host skips the https and public-address checks of the webhook policy (as sandbox hosts do for
   * SAP calls). Never set it in production: it is how the alert tests reach their receiver.
   */
  ALERTS_WEBHOOK_TEST_HOSTS: z.string().trim().optional(),
  /** How often the alert worker looks for deliveries due. */
  ALERTS_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(2_000),
  /** First retry delay of a failed delivery; doubled per attempt (capped at one hour). */
  ALERTS_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  /** Attempts per delivery before it is given up as failed. */
  ALERTS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
  /** Time allowed for one webhook call or SMTP conversation. */
  ALERTS_SEND_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Who may create tenants (each a customer's data): system admins only (default), or every signed-in user. */
  TENANT_CREATION: z.enum(['system-admins', 'all-users']).default('system-admins'),
  /**
   * How many reverse proxies stand between the clients and this server (e.g. SAP's application router), each appending
   * the address it saw to X-Forwarded-For; `false` or 0 for none. Express's `trust proxy` hop count: the client address
   * (the per-address sign-in limit's key) is the one the outermost counted proxy saw, counted from the right, never an
   * entry the client wrote itself (https://expressjs.com/en/guide/behind-proxies.html). Secure cookies then follow
   * X-Forwarded-Proto. `true` is refused: to Express it means the left-most entry, which the client chooses.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .refine((value) => value !== 'true', {
      abort: true,
      message: 'TRUST_PROXY=true is not accepted: give the number of reverse proxies in front of this server (1 is what true meant before). To Express, true means the left-most X-Forwarded-For entry, which a client writes itself',
    })
    .refine((value) => value === 'false' || /^\d+$/.test(value), { message: 'TRUST_PROXY is false or the number of reverse proxies in front of this server (0 to 10), e.g. 1' })
    .transform((value) => (value === 'false' ? 0 : Number(value)))
    .pipe(z.number().int().max(10, 'TRUST_PROXY is at most 10 proxies; count the ones that append to X-Forwarded-For'))
    .default(0),
});

const CheckedConfigSchema = ConfigSchema.superRefine((config, ctx) => {
  if (config.SMTP_URL && !config.SMTP_FROM) ctx.addIssue({ code: 'custom', path: ['SMTP_FROM'], message: 'SMTP_FROM (the alerts’ sender address, e.g. alerts@example.com) is required when SMTP_URL is set' });
  if (config.AUTH_MODE !== 'jwt') return;
  for (const key of ['JWT_JWKS_URL', 'JWT_ISSUER', 'JWT_AUDIENCE'] as const) {
    if (!config[key]) ctx.addIssue({ code: 'custom', path: [key], message: `${key} is required when AUTH_MODE=jwt` });
  }
});

export type Config = z.infer<typeof ConfigSchema>;

/** Reads the environment once at start; a bad value stops the process with what to fix. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (FOO=) means "not set", as shells and .env files commonly write it.
  const result = CheckedConfigSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
  throw new Error(`Invalid configuration in the environment:\n${problems}`);
}
