import type { AutomationUnitId, FieldDiff, UnitPlan } from '@tcc/shared';
import type { UnitContext } from '../automation/unit.js';
import { OWNER_PROPERTY } from '../automation/units/destination-owner.js';
import type { Finding } from './check-connection.js';

type Plan = Omit<UnitPlan, 'unit' | 'system' | 'steps'>;

const SIGNING_CERTIFICATE = 'OAuth2IdentityProviderCertificatePublicKeyBase64';

/** The communication system's fields (units/communication-system.ts): the seed step that sets each, and whether a change breaks the chain. */
const SYSTEM_FIELDS: Record<string, { stepId: number; severity: 'broken' | 'warning' }> = {
  Name: { stepId: 5, severity: 'warning' },
  HostName: { stepId: 6, severity: 'warning' },
  IsOAuth2IdentityProviderActive: { stepId: 7, severity: 'broken' },
  OAuth2IdentityProviderUserLogonType: { stepId: 9, severity: 'broken' },
};

/** Task Center's lint (units/destination.ts): properties it refuses, reported with no desired value. */
const LINT_FIELDS = new Set(['SystemUser', 'tc.notifications.enabled', 'tc.inbox.pull.days']);

const base = (object: string, stepId: number | null): Pick<Finding, 'object' | 'stepId' | 'field' | 'expected' | 'actual'> => ({ object, stepId, field: null, expected: null, actual: null });

/**
 * What a unit's read-only plan says about a connection that was set up: `create` = the object is missing, an update's
 * diff = drift (expected = what setup wrote or Task Center needs, actual = what SAP holds now). Secrets are never shown.
 */
export function findingsOfPlan(unit: AutomationUnitId, plan: Plan, ctx: UnitContext, fingerprintOf: (base64: string | null) => string | null): Finding[] {
  const { object } = plan;
  const missing = (code: string, stepId: number, what: string): Finding[] =>
    plan.action === 'create' ? [{ code, severity: 'broken', message: `${what} does not exist in SAP (deleted or renamed after setup): Task Center cannot get tokens. Repair re-creates it.`, ...base(object, stepId) }] : [];
  switch (unit) {
    case 'communicationUser': {
      if (plan.action === 'create') return missing('COMMUNICATION_USER_MISSING', 3, `The ${object}`);
      const lock = plan.diff.find((d) => d.field === 'IsLocked');
      return lock
        ? [{ code: 'COMMUNICATION_USER_LOCKED', severity: 'broken', message: `The ${object} is locked in S/4HANA (after failed logons, or by an admin): Task Center's destination cannot sign in. Unlock it in Maintain Communication Users and check the destination's Token Service Password.`, ...base(object, 3), field: 'IsLocked', expected: 'false', actual: 'true' }]
        : [];
    }
    case 'communicationSystem':
      if (plan.action === 'create') return missing('COMMUNICATION_SYSTEM_MISSING', 5, `The ${object}`);
      return plan.diff.map((d) => systemFinding(d, object, ctx, fingerprintOf));
    case 'inboundUser':
      // Without the user and the system, "create" only repeats that they are missing.
      return ctx.facts.system && ctx.facts.user ? missing('INBOUND_USER_MISSING', 10, `The OAuth 2.0 user for inbound communication (${ctx.desired.communicationUserName} on ${ctx.desired.systemId})`) : [];
    case 'arrangement':
      if (plan.action === 'create') return missing('ARRANGEMENT_MISSING', 17, `The SAP_COM_0501 ${object}`);
      return plan.action === 'update' && ctx.facts.inbound
        ? plan.diff.map((d) => ({
            code: 'ARRANGEMENT_NOT_BOUND',
            severity: 'broken' as const,
            message: `The ${object} is not bound to the inbound user ${ctx.desired.communicationUserName}: S/4HANA issues no token to Task Center's client. Select ${ctx.desired.communicationUserName} (OAuth 2.0) in the arrangement.`,
            ...base(object, 18),
            field: d.field,
            expected: d.desired,
            actual: d.current,
          }))
        : [];
    case 'destination':
      if (plan.action === 'create') return missing('DESTINATION_MISSING', 20, `The Task Center ${object}`);
      return [
        ...(plan.createdBy === 'another-connection'
          ? [{ code: 'DESTINATION_OWNED_ELSEWHERE', severity: 'warning' as const, message: `The ${object} was taken over by another connection of Task Center Connect (its ${OWNER_PROPERTY} property names another one).`, ...base(object, 20), field: OWNER_PROPERTY }]
          : []),
        ...plan.diff.filter((d) => !d.pending).map((d) => destinationFinding(d, object)),
      ];
    default:
      return [];
  }
}

function systemFinding(d: FieldDiff, object: string, ctx: UnitContext, fingerprintOf: (base64: string | null) => string | null): Finding {
  if (d.field === SIGNING_CERTIFICATE) {
    return {
      code: 'S4_SIGNING_CERTIFICATE_STALE',
      severity: 'broken',
      message: `The ${object} holds ${d.current ? 'another signing certificate' : 'no signing certificate'} than the subaccount's active trust certificate (for example after the trust was renewed in BTP): S/4HANA rejects every SAML assertion. Upload the current trust certificate to the communication system.`,
      ...base(object, 8),
      field: 'signing certificate (SHA-256)',
      expected: fingerprintOf(d.desired),
      actual: fingerprintOf(d.current),
    };
  }
  if (d.field === 'OAuth2IdentityProviderName') {
    return {
      code: 'ISSUER_MISMATCH',
      severity: 'broken',
      message: `The ${object}'s OAuth 2.0 SAML Issuer is not the trust certificate's CN ${ctx.facts.trust?.cn ?? ''}: S/4HANA does not trust the assertions. Set it back to the CN.`,
      ...base(object, 9),
      field: d.field,
      expected: d.desired,
      actual: d.current,
    };
  }
  const known = SYSTEM_FIELDS[d.field] ?? { stepId: 5, severity: 'warning' as const };
  return { code: 'COMMUNICATION_SYSTEM_DRIFT', severity: known.severity, message: `The ${object}'s ${d.field} was changed in S/4HANA after setup.`, ...base(object, known.stepId), field: d.field, expected: d.desired, actual: d.current };
}

function destinationFinding(d: FieldDiff, object: string): Finding {
  if (LINT_FIELDS.has(d.field) && d.desired === null) {
    return { code: 'DESTINATION_LINT', severity: 'warning', message: `The ${object} carries ${d.field}=${d.current ?? ''}, which Task Center refuses or no longer supports: remove or correct it.`, ...base(object, 20), field: d.field, actual: d.current };
  }
  if (d.secret) {
    return { code: 'DESTINATION_DRIFT', severity: 'warning', message: `The ${object}'s ${d.field} differs from the password stored for the communication user. If the end-to-end test fails with a refused user, set it again (Repair) or save the right one under Credentials.`, ...base(object, 20), field: d.field };
  }
  return { code: 'DESTINATION_DRIFT', severity: 'broken', message: `The ${object}'s ${d.field} was changed after setup: it is ${d.current === null ? 'missing' : `"${d.current}"`}, Task Center needs "${d.desired ?? ''}".`, ...base(object, 20), field: d.field, expected: d.desired, actual: d.current };
}
