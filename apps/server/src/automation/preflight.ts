import type { Destination } from '../sap/btp/index.js';
import { BtpError } from '../sap/btp/errors.js';
import { S4Error } from '../sap/s4hana/index.js';
import type { UnitContext } from './unit.js';
import { readTenantFacts } from './tenant-facts.js';
import { trustCertificateUnit } from './units/trust-certificate.js';

/**
 * Problems to fix before a run may change anything; each says what to do. Errors of the calls become problems too.
 * Reads the tenant's facts on the way (tenant-facts.ts) and keeps them on the context, where the units choose by them.
 * Its reads need nothing from one another, so S/4 and BTP are read at the same time, and so is everything within each
 * (the S/4 adapter sends one call alone until the SAP_COM_0A48 password is accepted; the BTP reads share one token).
 */
export async function preflight(ctx: UnitContext): Promise<string[]> {
  const [s4, btp] = await Promise.all([s4Problems(ctx), btpProblems(ctx)]);
  return [...s4, ...btp];
}

async function s4Problems(ctx: UnitContext): Promise<string[]> {
  try {
    ctx.tenant = await readTenantFacts(ctx.s4, ctx.desired.clientIdChoice);
    if (!ctx.tenant.missing.length) return [];
    return [`The S/4HANA services lack ${ctx.tenant.missing.join('; ')}: the tenant's release or the SAP_COM_0A48 arrangement does not offer what assisted setup needs; use the guided steps.`];
  } catch (error) {
    // A refused SAP_COM_0A48 user is not tried again in this request: the adapter latches the first 401.
    return [failed(ctx, error, 's4hana')];
  }
}

async function btpProblems(ctx: UnitContext): Promise<string[]> {
  const { btp, desired } = ctx;
  // The listing is asked beside the trust read; it counts only when the trust is this connection's (else the key is
  // another subaccount's, and its destinations are not this one's).
  const listing = btp.listDestinations().then(
    (destinations) => ({ destinations }),
    (error: unknown) => ({ error }),
  );
  try {
    // The key decides which subaccount is read: its trust must be this connection's (units/trust-certificate.ts).
    await trustCertificateUnit.apply(ctx, { confirmChanges: false });
  } catch (error) {
    return [failed(ctx, error, 'btp')];
  }
  const listed: { destinations?: Destination[]; error?: unknown } = await listing;
  if (!listed.destinations) return [failed(ctx, listed.error, 'btp')];
  ctx.destinations = listed.destinations;
  // Task Center duplicates tasks when two destinations point at the same S/4HANA system (sap-apis.md B.2 notes).
  const others = listed.destinations.filter((d) => d.Name !== desired.destinationName && (d.URL ?? '').includes(desired.s4ApiHost));
  return others.map((other) => `The destination ${other.Name} already points at ${desired.s4ApiHost}; a second one would make Task Center duplicate tasks. Delete it or use its name.`);
}

/** The error as a problem; a system that gave no answer at all is marked unreachable. */
function failed(ctx: UnitContext, error: unknown, system: 'btp' | 's4hana'): string {
  if (noAnswer(error)) (ctx.unreachable ??= new Set()).add(system);
  return error instanceof Error ? error.message : String(error);
}

/** No answer at all (DNS, refused, timeout): every further call to that system would fail the same way. */
const noAnswer = (error: unknown) => (error instanceof S4Error || error instanceof BtpError) && error.upstreamStatus === null;
