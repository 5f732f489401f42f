/** The outbound-call guard: every HTTP call the server makes to SAP on a user's behalf goes through createGuardedFetch. */
export { OUTBOUND_REFUSAL_CODES, OutboundRefusedError, type OutboundRefusalCode } from './outbound-errors.js';
export {
  checkResolvedAddress,
  checkUrl,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_SAP_HOST_PATTERNS,
  hostMatchesPattern,
  sandboxBaseFor,
  sapOutboundPolicy,
  validatePolicy,
  type OutboundPolicy,
} from './guard-policy.js';
/** The guarded client for one connection: sandbox host names reach the sandbox only for connections labelled sandbox. */
export type OutboundFor = (connection: { sandbox: boolean }) => import('./guarded-fetch.js').GuardedFetch;
export {
  createGuardedFetch,
  pinnedNodeFetch,
  type ConnectTarget,
  type GuardedFetch,
  type GuardedFetchDeps,
  type PinnedFetch,
  type Resolve,
  type ResolvedAddress,
} from './guarded-fetch.js';
