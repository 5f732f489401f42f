import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToEnd } from './support/field-run.js';
import { destinationCall, s4Call, sandboxConnection } from './support/sandbox-connection.js';

/**
 * Issue 10, drift: a change made in SAP after setup is reported field by field, and Repair plans and changes just the
 * drifted objects — with the usual diff and confirmation — while the others are only read. What SAP was sent is read
 * from the sandbox's own log of writes, not from the product.
 */
let ctx: Awaited<ReturnType<typeof sandboxConnection>>;

const NOTHING = 'Nothing to repair: SAP holds what setup wrote.';
const plan = async (query = '?repair=true') => {
  const answer = await ctx.api.post(`${ctx.base}/automation/plan${query}`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
};
const startRepair = (confirmChanges: boolean) => ctx.api.post(`${ctx.base}/automation/runs`, { confirmChanges, repair: true });
const check = async () => (await ctx.api.post(`${ctx.base}/health/check`)).body;
/** What SAP was sent to change (the sandbox's log of writes), without the token requests that only sign in. */
const writes = async () =>
  ((await (await fetch(`${ctx.server.sandboxUrl}/sandbox/stats`)).json()) as { writes: { method: string; path: string }[] }).writes.filter((w) => !w.path.endsWith('/oauth/token'));
const destination = async () => (await (await destinationCall(ctx.sandbox, 'GET', '/subaccountDestinations/S4HANACloud')).json()) as Record<string, string>;
const json = async (answer: Response) => (await answer.json()) as { value: Record<string, unknown>[] };
/** The objects a repair of the destination and the arrangement must leave alone, as the sandbox holds them. */
const untouched = async () => ({
  user: (await json(await s4Call(ctx.server, ctx.sandbox, 'GET', 'users', "/CommunicationUsers?$filter=Name eq 'TASK_CENTER_USER'"))).value,
  system: (await json(await s4Call(ctx.server, ctx.sandbox, 'GET', 'systems', "/CommunicationSystems?$filter=ID eq 'TASK_CENTER'&$expand=InboundUsers"))).value,
});
const arrangements = async () =>
  (await json(await s4Call(ctx.server, ctx.sandbox, 'GET', 'arrangements', "/CommunicationArrangements?$filter=CommunicationScenarioID eq 'SAP_COM_0501'"))).value;

async function waitForRun() {
  for (let i = 0; i < 400; i += 1) {
    const run = (await ctx.api.get(`${ctx.base}/automation/runs/latest`)).body;
    if (run.status !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the repair run did not finish');
}

beforeAll(async () => {
  ctx = await sandboxConnection();
  expect((await runToEnd(ctx)).status).toBe('succeeded');
  expect(await check()).toMatchObject({ state: 'healthy', findings: [] });
});
afterAll(() => ctx.server.stop());

describe('Repair changes just the objects that drifted in SAP after setup', () => {
  it('when nothing drifted, then the repair plan says so and a repair run is refused with that message', async () => {
    const repairPlan = await plan();
    expect(repairPlan).toMatchObject({ units: [], blockers: [], needsConfirmation: false, repair: { unchanged: 7, message: NOTHING } });
    // The setup plan is what it always was: every unit, no repair part.
    const full = await plan('');
    expect(full.units).toHaveLength(7);
    expect(full.repair).toBeUndefined();
    const before = (await writes()).length;
    const refused = await startRepair(true);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe(NOTHING);
    expect((await writes()).length).toBe(before);
  });

  it('when the destination’s clientKey is changed and the arrangement deleted, then the repair plan lists exactly those two, field by field', async () => {
    const kept = await destination();
    expect((await destinationCall(ctx.sandbox, 'PUT', '/subaccountDestinations', { ...kept, clientKey: 'SOMEONE_ELSES_CLIENT' })).status).toBeLessThan(300);
    expect((await fetch(`${ctx.server.sandboxUrl}/sandbox/actions/delete-arrangement`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).ok).toBe(true);

    // The health check reports the drift with old and new value and where.
    const health = await check();
    expect(health.state).toBe('broken');
    expect(health.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'DESTINATION_DRIFT', stepId: 20, object: 'destination S4HANACloud', field: 'clientKey', expected: kept.clientKey, actual: 'SOMEONE_ELSES_CLIENT' }),
        expect.objectContaining({ code: 'ARRANGEMENT_MISSING', stepId: 17 }),
      ]),
    );

    const repairPlan = await plan();
    expect(repairPlan.blockers).toEqual([]);
    expect(repairPlan.units.map((u: { unit: string; action: string }) => [u.unit, u.action])).toEqual([
      ['arrangement', 'create'],
      ['destination', 'update'],
    ]);
    expect(repairPlan.units[1].diff).toEqual([{ field: 'clientKey', current: 'SOMEONE_ELSES_CLIENT', desired: kept.clientKey, secret: false }]);
    expect(repairPlan).toMatchObject({ needsConfirmation: true, repair: { unchanged: 5, message: null } });
  });

  it('when the repair is started without confirming the diff, then it is refused and nothing is written', async () => {
    const before = (await writes()).length;
    const refused = await startRepair(false);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/destination S4HANACloud.*confirm the changes/);
    expect((await writes()).length).toBe(before);
    expect(await arrangements()).toHaveLength(0);
    expect((await destination()).clientKey).toBe('SOMEONE_ELSES_CLIENT');
  });

  it('when the repair is confirmed, then it writes only the arrangement and the destination, records which it repaired, and the connection is healthy', async () => {
    const objectsBefore = await untouched();
    const writesBefore = (await writes()).length;
    const started = await startRepair(true);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const run = await waitForRun();
    expect(run.status, run.error).toBe('succeeded');
    expect(run.units.map((u: { unit: string; status: string; repair: boolean }) => [u.unit, u.status, u.repair])).toEqual([
      ['trustCertificate', 'done', false],
      ['communicationUser', 'done', false],
      ['communicationSystem', 'done', false],
      ['inboundUser', 'done', false],
      ['arrangement', 'done', true],
      ['oauthDetails', 'done', false],
      ['destination', 'done', true],
    ]);

    // What SAP received (the sandbox's log): token requests, the arrangement's create and the destination's update — nothing else.
    const sent = (await writes()).slice(writesBefore);
    expect(sent.some((w) => w.method === 'POST' && w.path.includes('aps_com_ca_a4c') && w.path.endsWith('/CommunicationArrangements'))).toBe(true);
    expect(sent.some((w) => w.method === 'PUT' && w.path.endsWith('/subaccountDestinations'))).toBe(true);
    expect(sent.filter((w) => !w.path.includes('aps_com_ca_a4c') && !w.path.endsWith('/subaccountDestinations'))).toEqual([]);
    // The communication user (its ChangedAt) and the system with its inbound users are exactly as before.
    expect(await untouched()).toEqual(objectsBefore);
    // The product's own call log agrees: the units outside the repair only read.
    const writingUnits = new Set(run.calls.filter((c: { method: string; unit: string | null }) => c.method !== 'GET' && c.unit !== null).map((c: { unit: string }) => c.unit));
    expect([...writingUnits].sort()).toEqual(['arrangement', 'destination']);

    expect(await arrangements()).toHaveLength(1);
    expect((await destination()).clientKey).not.toBe('SOMEONE_ELSES_CLIENT');
    expect(await check()).toMatchObject({ state: 'healthy', findings: [] });
    // Repaired: nothing is left to repair.
    expect(await plan()).toMatchObject({ units: [], repair: { message: NOTHING } });
  });
});
