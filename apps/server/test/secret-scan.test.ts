import { API_ROUTES, buildPath, type ApiRoute } from '@tcc/shared';
import { rsaCertificatePem, toBase64 } from '@tcc/testkit';
import { describe, expect, it } from 'vitest';
import { storedTexts } from './support/test-database.js';
import { ADMIN_PASSWORD, createTenantWithConnection, LANDSCAPE, SUBACCOUNT_ID, useTestServer } from './support/test-server.js';

const ctx = useTestServer();

const SECRETS = {
  clientSecret: 'cs-7f3a9e0b1c2d4e5f-destination-secret',
  managementPassword: 'Mgmt-0A48-password-9f8e7d6c5b!',
  taskCenterPassword: 'TaskCenter-user-password-4a5b6c7d!',
};

describe('no secret in plain text anywhere', () => {
  it('when a setup with every kind of secret is done, then the database, the log, every API answer and the export hold none of them', async () => {
    const api = ctx.api;
    const { tenantId, base } = await createTenantWithConnection(api, 'Secret Co');
    const pem = rsaCertificatePem({ cn: `cfapps.${LANDSCAPE}/${SUBACCOUNT_ID}` });
    let version = (await api.put(`${base}/trust-certificate`, { fileName: 'trust.pem', contentBase64: toBase64(pem), version: 1 })).body.version;
    const key = { clientid: 'sb-client!b1', clientsecret: SECRETS.clientSecret, url: 'https://acme.authentication.eu10.hana.ondemand.com', uri: 'https://destination-configuration.cfapps.eu10.hana.ondemand.com' };
    const set = await api.put(`${base}/credentials`, {
      destinationServiceKey: JSON.stringify(key),
      communicationManagementUser: 'COMM_MGMT',
      communicationManagementPassword: SECRETS.managementPassword,
      taskCenterUserPassword: SECRETS.taskCenterPassword,
      version,
    });
    expect(set.status).toBe(200);
    version = set.body.version ?? version;
    // A refused key must not be echoed back either.
    const refused = await api.put(`${base}/credentials`, { destinationServiceKey: JSON.stringify({ clientsecret: SECRETS.clientSecret }), version: 99 });
    expect(refused.status).toBe(400);

    const answers: string[] = [JSON.stringify(set.body), JSON.stringify(refused.body)];
    const params = { tenantId, connectionId: base.split('/').pop()!, stepId: 1, userId: '00000000-0000-0000-0000-000000000000' };
    for (const route of Object.values(API_ROUTES) as ApiRoute[]) {
      if (route.method !== 'get') continue;
      const answer = await api.get(buildPath(route.path, params));
      answers.push(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    }
    answers.push(JSON.stringify((await api.get('/api/openapi.json')).body));

    const dataFiles = await storedTexts(ctx.server.dataDir, ['secrets.key']);
    const haystacks = { answers: answers.join('\n'), log: ctx.server.logLines.join('\n'), database: dataFiles.join('\n') };
    for (const [where, text] of Object.entries(haystacks)) {
      for (const [name, secret] of Object.entries({ ...SECRETS, adminPassword: ADMIN_PASSWORD, sessionCookie: api.session.cookie.split('=')[1]! })) {
        expect(text.includes(secret), `${name} found in ${where}`).toBe(false);
      }
    }
    // The scan reads what it should: what may be shown is there, in the database and the answers.
    expect(haystacks.database).toContain('sb-client!b1');
    expect(haystacks.answers).toContain('sb-client!b1');
    expect(haystacks.database).toContain('v1.');
  });
});
