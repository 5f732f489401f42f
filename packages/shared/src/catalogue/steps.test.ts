import { describe, expect, it } from 'vitest';
import { ENTERED_VALUE_SCHEMAS } from './value-schemas.js';
import { STEP_CATALOGUE } from './steps.js';
import { SUGGESTED_NAMES, VALUE_KEYS } from './values.js';

describe('step catalogue', () => {
  it('when read, then it has the seed’s steps 1–10 and 12–19 plus the destination step 20, in order', () => {
    expect(STEP_CATALOGUE.map((s) => s.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
  });

  it('when a step depends on another, then that one comes earlier (the procedure can be followed in order)', () => {
    const seen = new Set<number>();
    for (const step of STEP_CATALOGUE) {
      for (const dependency of step.dependsOn) expect(seen.has(dependency), `step ${step.id} → ${dependency}`).toBe(true);
      seen.add(step.id);
    }
  });

  it('when a step names values, then each is a known value key and every input has a format check', () => {
    for (const step of STEP_CATALOGUE) {
      for (const key of [...step.outputs, ...step.copyValues]) expect(VALUE_KEYS).toContain(key);
      for (const input of step.inputs) expect(ENTERED_VALUE_SCHEMAS[input.key]).toBeDefined();
    }
  });

  it('when names break SAP’s rules, then the schemas refuse them; when they follow them, they pass', () => {
    expect(ENTERED_VALUE_SCHEMAS.systemId.safeParse('TASKCENTER_01').success).toBe(true);
    expect(ENTERED_VALUE_SCHEMAS.systemId.safeParse('1TASK').success).toBe(false);
    expect(ENTERED_VALUE_SCHEMAS.arrangementName.safeParse('SAP_COM_0501_TC').success).toBe(true);
    expect(ENTERED_VALUE_SCHEMAS.arrangementName.safeParse('sap com 0501').success).toBe(false);
    expect(ENTERED_VALUE_SCHEMAS.destinationName.safeParse('S4HANACloud').success).toBe(true);
    expect(ENTERED_VALUE_SCHEMAS.destinationName.safeParse('a'.repeat(65)).success).toBe(false);
    expect(ENTERED_VALUE_SCHEMAS.destinationName.safeParse('a'.repeat(64)).success).toBe(true);
    expect(ENTERED_VALUE_SCHEMAS.destinationName.safeParse('S4 HANA').success).toBe(false);
  });

  it('when the wizard suggests the names assisted setup uses, then each passes its step’s format check', () => {
    for (const [key, value] of Object.entries(SUGGESTED_NAMES)) {
      expect(ENTERED_VALUE_SCHEMAS[key as keyof typeof SUGGESTED_NAMES].safeParse(value).success, key).toBe(true);
    }
  });
});
