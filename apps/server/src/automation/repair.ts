import type { AutomationPlan, AutomationUnitId, PlanAction } from '@tcc/shared';
import type { UnitContext } from './unit.js';
import { UNIT_LABELS } from './unit.js';

/**
 * Repair (issue 10, drift): after setup, SAP was changed behind the product's back. A repair plans as setup does, but
 * acts only on the objects that differ from what setup wants — the ones the health check reports as missing or
 * drifted — and only reads the others, which later units still need facts from (the system's UUID, the client ID).
 */

export const NOTHING_TO_REPAIR = 'Nothing to repair: SAP holds what setup wrote.';

/** The actions that change SAP: what a repair acts on. */
const DRIFTED: readonly PlanAction[] = ['create', 'update'];

/** The units a repair changes: those whose object is missing (create) or differs (update). */
export function repairSetOf(plan: AutomationPlan): Set<AutomationUnitId> {
  return new Set(plan.units.filter((u) => DRIFTED.includes(u.action)).map((u) => u.unit));
}

/**
 * The plan as the repair dialog shows it: just the drifted objects (and any that could not be planned, with the
 * blockers), and how many others match and stay as they are.
 */
export function repairPlanOf(plan: AutomationPlan): AutomationPlan {
  const units = plan.units.filter((u) => DRIFTED.includes(u.action) || u.action === 'blocked');
  const unchanged = plan.units.length - units.length;
  const nothing = plan.blockers.length === 0 && units.length === 0;
  return { ...plan, units, repair: { unchanged, message: nothing ? NOTHING_TO_REPAIR : null } };
}

/** Adapter methods that only read SAP; every other method of an adapter may write. */
const READS = /^(find|get|list|read)[A-Z]/;

/**
 * The adapters as a unit outside the repair sees them: reads pass, any write is refused before it reaches SAP.
 * Such a unit planned adopt or read, so its apply does not write; if SAP changed between the plan and the run and it
 * would, the repair stops instead of changing an object the admin did not review.
 */
export function readOnlyContext(ctx: UnitContext, unit: AutomationUnitId): UnitContext {
  const guard = <T extends object>(service: T): T =>
    new Proxy(service, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function' || typeof property !== 'string' || READS.test(property)) return value;
        return () => {
          throw new Error(`The ${UNIT_LABELS[unit]} changed in SAP after the repair was planned and is not part of the repair; review the repair again.`);
        };
      },
    });
  // The same facts object: what this unit reads is what the units after it need.
  return { ...ctx, btp: guard(ctx.btp), s4: guard(ctx.s4) };
}
