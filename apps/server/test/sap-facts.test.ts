import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToEnd } from './support/field-run.js';
import { sandboxConnection, setupObjectCounts } from './support/sandbox-connection.js';

/**
 * "SAP facts for this tenant" (first contact with a live tenant): read-only, each undocumented fact settled from what
 * the tenant shows ($metadata, existing inbound users) or assumed, and the same reading picks the units' behaviour.
 */
type Fact = { id: string; status: 'settled' | 'assumed'; answer: string; evidence: string };
const factsOf = async (ctx: Awaited<ReturnType<typeof sandboxConnection>>) => {
  const answer = await ctx.api.post(`${ctx.base}/sap-facts`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return Object.fromEntries((answer.body.facts as Fact[]).map((f) => [f.id, f])) as Record<string, Fact>;
};

/** read-only-in-metadata: a tenant that keeps the certificate from the API and says so in $metadata (Core.Computed). */
const PROFILES = { strict: 'strict', evidence: 'evidence', 'read-only-in-metadata': JSON.stringify({ base: 'evidence', signingCertificateWritable: false }) } as const;

describe.each(Object.keys(PROFILES) as (keyof typeof PROFILES)[])('SAP facts read from a %s sandbox tenant', (profile) => {
  let ctx: Awaited<ReturnType<typeof sandboxConnection>>;
  beforeAll(async () => {
    ctx = await sandboxConnection({ SANDBOX_PROFILE: PROFILES[profile] });
  });
  afterAll(() => ctx.server.stop());

  it('when read before any setup, then $metadata settles what it can, the rest is assumed, and nothing in SAP changes', async () => {
    const before = await setupObjectCounts(ctx.server, ctx.sandbox);
    const facts = await factsOf(ctx);
    expect(facts.servicesOffered).toMatchObject({ status: 'settled', answer: 'Yes' });
    if (profile === 'read-only-in-metadata') {
      expect(facts.signingCertificateWritable).toMatchObject({ status: 'settled', answer: 'No', evidence: expect.stringMatching(/computed or immutable/) });
    } else {
      // strict: the tenant does not say in $metadata that it keeps the certificate: only a write can tell, so it stays assumed.
      expect(facts.signingCertificateWritable).toMatchObject({ status: 'assumed', answer: 'Yes (assumed)' });
    }
    expect(facts.optimisticConcurrency).toMatchObject(profile === 'strict' ? { status: 'settled', answer: 'Yes' } : { status: 'assumed' });
    expect(facts.clientIdDerivation).toMatchObject({ status: 'assumed', evidence: 'No OAuth 2.0 inbound user exists yet.' });
    expect(await setupObjectCounts(ctx.server, ctx.sandbox)).toEqual(before);
  });

  it('when an OAuth 2.0 client made through the API keeps its CC… ID, then the derivation is settled by it; the plan already knows step 8 stays manual', async () => {
    if (profile === 'read-only-in-metadata') {
      const plan = (await ctx.api.post(`${ctx.base}/automation/plan`)).body;
      expect(plan.units.find((u: { unit: string }) => u.unit === 'communicationSystem').summary).toMatch(/Step 8 is to be done by hand/);
    }
    await runToEnd(ctx);
    const facts = await factsOf(ctx);
    // evidence: the client was renamed to the user name, so nothing shows the derivation any more; strict keeps CC….
    expect(facts.clientIdDerivation?.status).toBe(profile === 'strict' ? 'settled' : 'assumed');
  });
});
