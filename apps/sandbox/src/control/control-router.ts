import { Router } from 'express';
import type { SandboxContext } from '../context.js';
import { sandboxDescriptor } from '../descriptor.js';
import { DEFAULT_FAULTS, type FaultSettings } from '../options.js';
import { PROFILES, profileProblems, type ProfileName } from '../profile.js';
import { SANDBOX_ACTIONS, type SandboxAction } from './actions.js';
import { cockpitPage } from './cockpit-page.js';
import { createFioriRouter } from './fiori-router.js';
import { resetTrustAgreement } from './trust-agreement.js';

const NUMERIC: (keyof FaultSettings)[] = ['latencyMs', 'errorRate', 'retryAfterSeconds', 'hangRate', 'failNextCalls', 'hangNextCalls', 'dropAnswerNextCalls'];

/** Checks a faults patch field by field; answers the problems, or none. */
function faultProblems(patch: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in DEFAULT_FAULTS)) problems.push(`${key} is not a fault setting`);
    else if (NUMERIC.includes(key as keyof FaultSettings) && (typeof value !== 'number' || value < 0)) problems.push(`${key} must be a number ≥ 0`);
    else if ((key === 'errorRate' || key === 'hangRate') && Number(value) > 1) problems.push(`${key} is a share between 0 and 1`);
    else if (key === 'errorStatus' && ![401, 403, 429, 500, 502, 503].includes(Number(value))) problems.push('errorStatus must be 401, 403, 429, 500, 502 or 503');
    else if (key === 'pathPattern' && typeof value !== 'string') problems.push('pathPattern must be a regular expression string');
    else if (key === 'method' && typeof value !== 'string') problems.push('method must be an HTTP method such as POST, or empty');
  }
  return problems;
}

/**
 * The sandbox's own controls under /sandbox (never subject to faults): its descriptor, fault injection at run time,
 * one-shot actions that change SAP state as an outside event would, and the manual path of the S/4 Fiori apps.
 */
export function createControlRouter(ctx: SandboxContext): Router {
  const router = Router();
  router.get(['/', '/cockpit'], (_req, res) => {
    res.type('html').send(cockpitPage(ctx));
  });
  router.get('/descriptor', (_req, res) => {
    res.json(sandboxDescriptor(ctx));
  });
  router.get('/stats', (_req, res) => {
    res.json(ctx.stats);
  });
  router.get('/faults', (_req, res) => {
    res.json(ctx.faults);
  });
  router.put('/faults', (req, res) => {
    const patch = (req.body ?? {}) as Record<string, unknown>;
    const problems = faultProblems(patch);
    if (problems.length) {
      res.status(400).json({ error: problems.join('; ') });
      return;
    }
    Object.assign(ctx.faults, patch);
    res.json(ctx.faults);
  });
  router.delete('/faults', (_req, res) => {
    Object.assign(ctx.faults, DEFAULT_FAULTS);
    res.json(ctx.faults);
  });
  // The SAP_COM_0A48 user's failed-logon counter and lock, for tests (never its password).
  router.get('/communication-management-user', (_req, res) => {
    const { name, failedLogons = 0, locked = false } = ctx.state.s4.managementUser;
    res.json({ name, failedLogons, locked });
  });
  router.get('/profile', (_req, res) => {
    res.json(ctx.profile);
  });
  // A named profile ({ "profile": "strict" }) and/or single switches; unknown switches or wrong types are refused whole.
  router.put('/profile', (req, res) => {
    const { profile: name, ...switches } = (req.body ?? {}) as Record<string, unknown>;
    const problems = profileProblems(switches);
    if (name !== undefined && !(typeof name === 'string' && name in PROFILES)) problems.push(`profile must be one of ${Object.keys(PROFILES).join(', ')}`);
    if (problems.length) {
      res.status(400).json({ error: problems.join('; ') });
      return;
    }
    Object.assign(ctx.profile, name ? PROFILES[name as ProfileName] : {}, switches);
    res.json(ctx.profile);
  });
  router.post('/actions/:action', (req, res) => {
    const action = SANDBOX_ACTIONS[req.params.action as SandboxAction];
    if (!action) {
      res.status(404).json({ error: `Unknown action. Known: ${Object.keys(SANDBOX_ACTIONS).join(', ')}` });
      return;
    }
    res.json(action(ctx, (req.body ?? {}) as Record<string, unknown>));
  });
  // When S/4 and BTP disagreed on the trust certificate (trust-agreement.ts): DELETE starts a measurement, GET reads it.
  router.get('/trust-agreement', (_req, res) => {
    res.json({ changes: ctx.trustAgreement.changes });
  });
  router.delete('/trust-agreement', (_req, res) => {
    res.json({ changes: resetTrustAgreement(ctx) });
  });
  router.use('/fiori', createFioriRouter(ctx));
  return router;
}
