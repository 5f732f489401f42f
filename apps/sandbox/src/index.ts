export { startSandbox, type RunningSandbox } from './start-sandbox.js';
export type { SandboxDescriptor } from './descriptor.js';
export type { SandboxOptions, FaultSettings } from './options.js';
export { parseFaultsEnv } from './parse-faults.js';
export { parseProfile, LENIENT, STRICT, EVIDENCE, BOOLEAN_SWITCHES, type SandboxProfile, type ProfileName } from './profile.js';
