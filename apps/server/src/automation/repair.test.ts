import type { AutomationPlan, UnitPlan } from '@tcc/shared';
import { describe, expect, it, vi } from 'vitest';
import { NOTHING_TO_REPAIR, readOnlyContext, repairPlanOf, repairSetOf } from './repair.js';
import type { UnitContext } from './unit.js';
import { arrangementUnit } from './units/arrangement.js';

const unit = (id: UnitPlan['unit'], action: UnitPlan['action']): UnitPlan => ({ unit: id, system: 's4hana', steps: [], action, object: id, summary: '', diff: [] });
const plan = (units: UnitPlan[], blockers: string[] = []): AutomationPlan => ({ units, blockers, needsConfirmation: false });

describe('repair plan', () => {
  it('when two objects drifted, then only they are listed and the others are counted as unchanged', () => {
    const full = plan([unit('trustCertificate', 'read'), unit('communicationUser', 'adopt'), unit('arrangement', 'create'), unit('oauthDetails', 'read'), unit('destination', 'update')]);
    const repair = repairPlanOf(full);
    expect(repair.units.map((u) => u.unit)).toEqual(['arrangement', 'destination']);
    expect(repair.repair).toEqual({ unchanged: 3, message: null });
    expect([...repairSetOf(full)]).toEqual(['arrangement', 'destination']);
  });

  it('when nothing drifted, then the repair plan says so', () => {
    expect(repairPlanOf(plan([unit('trustCertificate', 'read'), unit('destination', 'adopt')])).repair).toEqual({ unchanged: 2, message: NOTHING_TO_REPAIR });
  });

  it('when something blocks the plan, then the blocked units are listed and it does not claim nothing to repair', () => {
    const repair = repairPlanOf(plan([unit('trustCertificate', 'blocked'), unit('destination', 'blocked')], ['The key is refused.']));
    expect(repair.units).toHaveLength(2);
    expect(repair.repair?.message).toBeNull();
  });
});

describe('units outside the repair', () => {
  const context = () => {
    const s4 = {
      findArrangements: vi.fn(async () => []),
      createArrangement: vi.fn(async () => ({ Name: 'X' })),
    };
    const ctx = { s4, btp: { getDestination: vi.fn(async () => null) }, desired: { systemId: 'TASK_CENTER', arrangementName: 'A' }, facts: { inbound: { uuid: 'u', clientId: 'c' } } } as unknown as UnitContext;
    return { ctx, s4 };
  };

  it('when a unit outside the repair would write, then the write is refused before it reaches SAP; reads pass', async () => {
    const { ctx, s4 } = context();
    await expect(arrangementUnit.apply(readOnlyContext(ctx, 'arrangement'), { confirmChanges: true })).rejects.toThrow(/not part of the repair/);
    expect(s4.findArrangements).toHaveBeenCalled();
    expect(s4.createArrangement).not.toHaveBeenCalled();
  });

  it('when a unit is in the repair, then its context writes as before and the facts are shared', async () => {
    const { ctx, s4 } = context();
    await arrangementUnit.apply(ctx, { confirmChanges: true });
    expect(s4.createArrangement).toHaveBeenCalledTimes(1);
    expect(readOnlyContext(ctx, 'arrangement').facts).toBe(ctx.facts);
  });
});
