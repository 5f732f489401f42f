import { BtpError } from '../sap/btp/errors.js';
import { S4Error } from '../sap/s4hana/index.js';
import type { UnitContext } from './unit.js';
import { readTenantFacts } from './tenant-facts.js';
import { trustCertificateUnit } from './units/trust-certificate.js';

/**
 * Problems to fix before a run may change anything; each says what to do. Errors of the calls become problems too.
 * Reads the tenant's facts on the way (tenant-facts.ts) and keeps them on the context, where the units choose by them.
 */
export async function preflight(ctx: UnitContext): Promise<string[]> {
  const { s4, btp, desired } = ctx;
  const problems: string[] = [];
  try {
    ctx.tenant = await readTenantFacts(s4, desired.clientIdChoice);
    if (ctx.tenant.missing.length) {
      problems.push(`The S/4HANA services lack ${ctx.tenant.missing.join('; ')}: the tenant's release or the SAP_COM_0A48 arrangement does not offer what assisted setup needs; use the guided steps.`);
    }
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
    if (noAnswer(error)) (ctx.unreachable ??= new Set()).add('s4hana');
    // A refused SAP_COM_0A48 user must not be tried again in this request (it would count another failed logon).
    return problems;
  }
  try {
    // The key decides which subaccount is read: its trust must be this connection's (units/trust-certificate.ts).
    await trustCertificateUnit.apply(ctx, { confirmChanges: false });
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
    if (noAnswer(error)) (ctx.unreachable ??= new Set()).add('btp');
    return problems;
  }
  try {
    // Task Center duplicates tasks when two destinations point at the same S/4HANA system (sap-apis.md B.2 notes).
    const others = (await btp.listDestinations()).filter((d) => d.Name !== desired.destinationName && (d.URL ?? '').includes(desired.s4ApiHost));
    for (const other of others) problems.push(`The destination ${other.Name} already points at ${desired.s4ApiHost}; a second one would make Task Center duplicate tasks. Delete it or use its name.`);
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
    if (noAnswer(error)) (ctx.unreachable ??= new Set()).add('btp');
  }
  return problems;
}

/** No answer at all (DNS, refused, timeout): every further call to that system would fail the same way. */
const noAnswer = (error: unknown) => (error instanceof S4Error || error instanceof BtpError) && error.upstreamStatus === null;
