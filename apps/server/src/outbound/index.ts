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
