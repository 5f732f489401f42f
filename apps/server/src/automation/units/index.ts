import type { AutomationUnit } from '../unit.js';
import { arrangementUnit } from './arrangement.js';
import { communicationSystemUnit } from './communication-system.js';
import { communicationUserUnit } from './communication-user.js';
import { destinationUnit } from './destination.js';
import { inboundUserUnit } from './inbound-user.js';
import { oauthDetailsUnit } from './oauth-details.js';
import { trustCertificateUnit } from './trust-certificate.js';

/** In dependency order; units of one wave (no dependency between them) run in parallel. */
export const AUTOMATION_PLAN_ORDER: readonly AutomationUnit[] = [
  trustCertificateUnit,
  communicationUserUnit,
  communicationSystemUnit,
  inboundUserUnit,
  arrangementUnit,
  oauthDetailsUnit,
  destinationUnit,
];
