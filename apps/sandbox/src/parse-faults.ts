import type { FaultSettings } from './options.js';

/** Fault settings given at start as JSON (SANDBOX_FAULTS), e.g. {"latencyMs":100,"errorRate":0.1}. */
export function parseFaultsEnv(value: string | undefined): Partial<FaultSettings> {
  if (!value) return {};
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Partial<FaultSettings>;
  } catch {
    // fall through to the message below
  }
  throw new Error(`SANDBOX_FAULTS must be a JSON object such as {"latencyMs":100}; got ${value}`);
}
