import { expect } from 'vitest';
import { DEFAULT_TRUST_STEP } from './field-run-constants.js';
import { fiori, s4Call, destinationCall, type sandboxConnection } from './sandbox-connection.js';

type Ctx = Awaited<ReturnType<typeof sandboxConnection>>;

/** Starts assisted setup and waits for its end. */
export async function runToEnd(ctx: Ctx, confirmChanges = false) {
  const started = await ctx.api.post(`${ctx.base}/automation/runs`, { confirmChanges });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  for (let i = 0; i < 400; i += 1) {
    const run = (await ctx.api.get(`${ctx.base}/automation/runs/latest`)).body;
    if (run.status !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('run did not finish');
}

/** What the sandbox holds after a run, read through its SAP APIs: the user's inbound entries and the destination's clientKey. */
export async function fieldState(ctx: Ctx) {
  const json = async (answer: Response) => (await answer.json()) as Record<string, any>;
  const user = (await json(await s4Call(ctx.server, ctx.sandbox, 'GET', 'users', "/CommunicationUsers?$filter=Name eq 'TASK_CENTER_USER'"))).value[0];
  const system = (await json(await s4Call(ctx.server, ctx.sandbox, 'GET', 'systems', "/CommunicationSystems?$filter=ID eq 'TASK_CENTER'&$expand=InboundUsers"))).value[0];
  const destination = await json(await destinationCall(ctx.sandbox, 'GET', '/subaccountDestinations/S4HANACloud'));
  const entries = (system?.InboundUsers ?? []).filter((u: { CommunicationUserID: string }) => u.CommunicationUserID === user?.ID);
  return { user, system, entries, destination };
}

/** Seed step 8 by hand: the trust certificate uploaded in the Communication Systems app (the sandbox's Fiori stand-in). */
export async function uploadSigningCertificateByHand(ctx: Ctx) {
  const pem = await (await fetch(`${ctx.server.sandboxUrl}/sandbox/fiori/trust-certificate.pem`)).text();
  await fiori(ctx.server, `/communication-systems/TASK_CENTER/signing-certificate`, { pem });
  return DEFAULT_TRUST_STEP;
}
