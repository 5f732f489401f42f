import { BOOLEAN_SWITCHES, STRICT } from '@tcc/sandbox';
import { describe, expect, it } from 'vitest';
import { fieldState, runToEnd, uploadSigningCertificateByHand } from './support/field-run.js';
import { pairwiseRows, uncoveredPairs } from './support/pairwise.js';
import { sandboxConnection } from './support/sandbox-connection.js';

/**
 * Done when: every boolean UNCERTAIN switch that affects the setup, both ways — with the product's own switch
 * (S4_CLIENT_ID) that is 7 factors, 128 combinations, so a pairwise set covering every pair of values. Per combination
 * the run ends with a working connection, or at the named manual step (8) and works after it; it never reports success
 * while the test fails.
 */
const PRODUCT_SWITCH = 'clientIdAsDerived';
const FACTORS = [...BOOLEAN_SWITCHES, PRODUCT_SWITCH] as const;
const ROWS = pairwiseRows(FACTORS);

describe('every undocumented SAP choice, pairwise', () => {
  it('when the combinations are chosen, then they cover every pair of switch values in at most 16 runs', () => {
    expect(BOOLEAN_SWITCHES).toEqual(expect.arrayContaining(['signingCertificateWritable', 'clientIdIsInternalId', 'clientIdChangeable', 'patchRequiresIfMatch']));
    expect(uncoveredPairs(FACTORS, ROWS)).toEqual([]);
    expect(ROWS.length).toBeLessThanOrEqual(16);
  });

  for (const row of ROWS) {
    const label = FACTORS.map((f) => `${f}=${row[f] ? 1 : 0}`).join(' ');
    it(`when ${label}, then the run ends with a working connection or at step 8 by hand, never a false success`, async () => {
      const { [PRODUCT_SWITCH]: asDerived, ...switches } = row;
      const ctx = await sandboxConnection({
        SANDBOX_PROFILE: JSON.stringify({ base: 'evidence', ...switches, lockAfterFailedLogons: STRICT.lockAfterFailedLogons }),
        S4_CLIENT_ID: asDerived ? 'as-derived' : 'user-name',
      });
      try {
        const run = await runToEnd(ctx);
        const manual = run.units.filter((u: { status: string }) => u.status === 'manual');
        expect(run.status, JSON.stringify(run.units)).toBe(manual.length ? 'manual' : 'succeeded');
        const firstTest = (await ctx.api.post(`${ctx.base}/test`)).body;
        if (manual.length) {
          expect(manual.map((u: { unit: string }) => u.unit)).toEqual(['communicationSystem']);
          expect(row.signingCertificateWritable).toBe(false);
          expect(firstTest.outcome).not.toBe('succeeded');
          expect((await ctx.api.post(`${ctx.base}/steps/${await uploadSigningCertificateByHand(ctx)}/verify`)).body.verified).toBe(true);
        } else {
          expect(firstTest, JSON.stringify(firstTest)).toMatchObject({ outcome: 'succeeded' });
        }
        const { user, entries, destination } = await fieldState(ctx);
        expect(entries.map((e: { AuthenticationMethod: string }) => e.AuthenticationMethod)).toEqual(['oauth2']);
        expect(destination.clientKey).toBe(entries[0].OAuth2ClientID);
        const renamed = !asDerived && (row.clientIdChangeable || !row.clientIdIsInternalId);
        expect(destination.clientKey).toBe(renamed ? user.Name : row.clientIdIsInternalId ? user.ID : user.Name);
        expect((await ctx.api.post(`${ctx.base}/test`)).body.outcome).toBe('succeeded');
      } finally {
        await ctx.server.stop();
      }
    });
  }
});
