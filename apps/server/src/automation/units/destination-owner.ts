import type { Destination } from '../../sap/btp/index.js';
import type { UnitContext } from '../unit.js';

/**
 * The additional property that marks a destination as made (or taken over, after confirmation) by one connection of
 * this product: `<tenantId>/<connectionId>`, opaque ids, never a tenant's name. Additional properties are free-form
 * keys of the flat destination object, dots included — SAP's own `tc.enabled` and `URL.queries.sap-client` are such
 * keys (sap-apis.md A.2; NOTES.md §1: the Destination schema is open, `PropertyName?` is the free-form placeholder).
 * A property rather than `Description` (a standard key, sap-apis.md B.2 "optional"): the admin may have written their
 * own description, and overwriting it would be a change of its own to confirm.
 *
 * The S/4 objects are not marked. Their `Description` fields exist (NOTES.md §2.2/2.3), but no length is documented
 * for the system's or the arrangement's (the sandbox caps the user's at 80), the user's is the admin's step-2 value,
 * and a mark of two ids would risk a refused create on a real tenant. Taking them over is gated already: a user whose
 * password this connection did not set, a system with other IdP values and an arrangement bound to another user all
 * need confirmation (units/communication-user.ts, communication-system.ts, arrangement.ts).
 */
export const OWNER_PROPERTY = 'tcc.connection';

export type DestinationOwner = 'this-connection' | 'another-connection' | undefined;

/** Whose the destination is by its mark; undefined when it carries none (made by hand, or before marks existed). */
export function ownerOf(ctx: Pick<UnitContext, 'desired'>, found: Destination): DestinationOwner {
  const mark = found[OWNER_PROPERTY]?.trim();
  if (!mark) return undefined;
  return mark === ctx.desired.connectionMark ? 'this-connection' : 'another-connection';
}

/** Says who made it without naming the other connection or its tenant, which this user may not be allowed to see. */
export const ANOTHER_CONNECTION = 'was created by another connection of Task Center Connect (possibly of another tenant)';
