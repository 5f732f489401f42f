import type { AutomationUnitId } from '@tcc/shared';
import type { AutomationUnit, FactKey } from '../unit.js';
import { arrangementUnit } from './arrangement.js';
import { communicationSystemUnit } from './communication-system.js';
import { communicationUserUnit } from './communication-user.js';
import { destinationUnit } from './destination.js';
import { inboundUserUnit } from './inbound-user.js';
import { oauthDetailsUnit } from './oauth-details.js';
import { trustCertificateUnit } from './trust-certificate.js';

/** In dependency order; a run starts each unit as soon as the units it depends on are done (the others in parallel). */
export const AUTOMATION_PLAN_ORDER: readonly AutomationUnit[] = [
  trustCertificateUnit,
  communicationUserUnit,
  communicationSystemUnit,
  inboundUserUnit,
  arrangementUnit,
  oauthDetailsUnit,
  destinationUnit,
];

/**
 * What each unit waits for, derived from the data it needs (`needs`) and who gives it (`gives`): declared once, so a
 * dependency the unit's data does not need cannot hold it back. Each needed fact has exactly one earlier giver.
 */
export const UNIT_DEPENDENCIES: ReadonlyMap<AutomationUnitId, readonly AutomationUnitId[]> = new Map(
  AUTOMATION_PLAN_ORDER.map((unit, index) => {
    const earlier = AUTOMATION_PLAN_ORDER.slice(0, index);
    const givers = Object.keys(unit.needs).map((fact) => {
      const giver = earlier.filter((e) => e.gives.includes(fact as FactKey));
      if (giver.length !== 1) throw new Error(`${unit.id} needs ${fact}: ${giver.length} earlier units give it, one must.`);
      return giver[0]!.id;
    });
    return [unit.id, [...new Set(givers)]];
  }),
);

export const dependenciesOf = (unit: AutomationUnit): readonly AutomationUnitId[] => UNIT_DEPENDENCIES.get(unit.id)!;
