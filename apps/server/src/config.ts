import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LOG_LEVELS } from './logger.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  /** Loopback by default: the app holds setup data of customers' SAP systems. Set 0.0.0.0 deliberately. */
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default(path.join(repoRoot, 'data')),
  WEB_DIST: z.string().min(1).default(path.join(repoRoot, 'apps/web/dist')),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /**
   * The built-in SAP sandbox (a simulated BTP subaccount and S/4HANA tenant) starts beside the product and a demo
   * tenant points at it. Set SANDBOX=off for real use: then no sandbox host is reachable through the product.
   */
  SANDBOX: z.enum(['on', 'off']).default('on'),
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4004),
  /** Sandbox fault injection at start, as JSON (see the sandbox's FaultSettings), e.g. {"latencyMs":100}. */
  SANDBOX_FAULTS: z.string().optional(),
  /** Shown as "changed by" until sign-in exists. */
  ACTOR_NAME: z.string().trim().min(1).max(80).default('admin'),
});

export type Config = z.infer<typeof ConfigSchema>;

/** Reads the environment once at start; a bad value stops the process with what to fix. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
  throw new Error(`Invalid configuration in the environment:\n${problems}`);
}
