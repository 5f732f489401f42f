import type { TransitionHook } from '../store/health-store.js';

export type { HealthTransition, TransitionHook } from '../store/health-store.js';

/**
 * Until alerts/ implements it: transitions are recorded in the health history only. The alerts module replaces it
 * (compose.ts, `onTransition`) with one that writes its outbox row through the same transaction (`tx`), so an alert
 * exists exactly when the transition is stored: a crash before the commit leaves neither, a retried check finds the
 * state already changed and makes no second transition. The hook is called once per check at most, when the state
 * changed (previousState null on a connection's first check) or the active certificate crossed 60/30/7 days or expired
 * (`certificateThreshold`). Suggested alerting by the flapping rule (README "Health checks"): became warning or broken,
 * recovered (warning or broken → healthy), and each threshold; changes into or out of unknown alone (SAP not answering
 * below HEALTH_FAILURES_TO_BROKEN, credentials missing) should page no one.
 */
export const noTransitionHook: TransitionHook = async () => {};
