import { trustCertificateStep } from './step-01-trust-certificate.js';
import type { StepHandler } from './step-handler.js';
import { oauthDetailsStep } from './step-19-oauth-details.js';

/** Steps with logic of their own; every other step follows only the catalogue's rules. */
const HANDLERS: Readonly<Record<number, StepHandler>> = {
  1: trustCertificateStep,
  19: oauthDetailsStep,
};

const CATALOGUE_RULES_ONLY: StepHandler = {};

export function stepHandler(stepId: number): StepHandler {
  return HANDLERS[stepId] ?? CATALOGUE_RULES_ONLY;
}

export type { HeldClientId, StepContext, StepHandler } from './step-handler.js';
