import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTrustKeyPair } from '../src/btp/destination-service.js';
import { startSandbox, type RunningSandbox } from '../src/start-sandbox.js';

// Pins sap-apis.md A.2 and A.5/A.6 and specs/NOTES.md §1 (DestinationsOnSubaccountLevelApi, TrustCertificate…Api).
// [SPEC] = SAP's OpenAPI contract of the Destination service (SAP/cloud-sdk-python …/destination/spec/api_spec.yaml), cited
// through sap-field-facts.md ("Wrong but harmless today": A.11 $filter, A.18 bulk POST, A.42–A.44 trust API).
let sb: RunningSandbox;
let bearer = '';
beforeAll(async () => {
  sb = await startSandbox();
  const key = sb.descriptor.btp.loopbackDestinationServiceKey;
  const res = await fetch(`${key.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: key.clientid, client_secret: key.clientsecret }).toString(),
  });
  bearer = `Bearer ${((await res.json()) as { access_token: string }).access_token}`;
});
afterAll(async () => {
  await sb?.close();
});

async function call(method: string, path: string, body?: unknown, authorization = bearer) {
  const res = await fetch(`${sb.descriptor.btp.loopbackDestinationServiceKey.uri}/destination-configuration/v1${path}`, {
    method,
    headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as any) : undefined };
}

const http = (Name: string, extra: Record<string, string> = {}) => ({ Name, Type: 'HTTP', URL: `https://${Name}.example.com`, Authentication: 'NoAuthentication', ProxyType: 'Internet', ...extra });
const q = encodeURIComponent;

describe('Destination service: authentication', () => {
  it('when a call has no or a foreign bearer token, then 401 with an ErrorMessage', async () => {
    for (const authorization of ['', 'Bearer not-a-jwt', 'Basic Zm9vOmJhcg==']) {
      const res = await call('GET', '/subaccountDestinations', undefined, authorization);
      expect(res.status).toBe(401);
      expect(typeof res.body.ErrorMessage).toBe('string');
    }
  });
});

describe('Destination service: subaccount destinations CRUD', () => {
  it('when a destination is created, read, overwritten and deleted, then each answer has the documented shape', async () => {
    expect((await call('POST', '/subaccountDestinations', http('crud1', { 'tc.enabled': 'true' }))).status).toBe(201);
    expect(await call('GET', '/subaccountDestinations/crud1')).toMatchObject({ status: 200, body: http('crud1', { 'tc.enabled': 'true' }) });
    const conflict = await call('POST', '/subaccountDestinations', http('crud1'));
    expect(conflict.status).toBe(409);
    expect(conflict.body.ErrorMessage).toMatch(/already exists/);
    expect(await call('PUT', '/subaccountDestinations', http('crud1', { Description: 'new' }))).toMatchObject({ status: 200, body: { Count: 1 } });
    const read = (await call('GET', '/subaccountDestinations/crud1')).body;
    expect(read.Description).toBe('new');
    expect(read['tc.enabled']).toBeUndefined(); // PUT overwrites the whole object
    expect(await call('DELETE', '/subaccountDestinations/crud1')).toMatchObject({ status: 200, body: { Count: 1 } });
    expect(await call('DELETE', '/subaccountDestinations/crud1')).toMatchObject({ status: 404 });
  });

  it('when a destination is unknown, then read and update answer 404 with the text the SAP Cloud SDK expects', async () => {
    const expected = { ErrorMessage: 'Configuration with the specified name was not found' };
    expect(await call('GET', '/subaccountDestinations/nope')).toMatchObject({ status: 404, body: expected });
    expect(await call('PUT', '/subaccountDestinations', http('nope'))).toMatchObject({ status: 404, body: expected });
  });

  it('when Name or Type is missing or Type is not HTTP|RFC|MAIL|LDAP, then 400 with an ErrorMessage', async () => {
    for (const bad of [{ Type: 'HTTP' }, { Name: 'noType' }, { Name: 'badType', Type: 'SOAP' }]) {
      const res = await call('POST', '/subaccountDestinations', bad);
      expect(res.status).toBe(400);
      expect(typeof res.body.ErrorMessage).toBe('string');
    }
    expect((await call('GET', '/subaccountDestinations/noType')).status).toBe(404);
  });

  it('[SPEC] via sap-field-facts.md A.18: when an array is posted and every item is created, then 201 with a BulkResponse per item', async () => {
    const created = await call('POST', '/subaccountDestinations', [http('bulkAll1'), http('bulkAll2')]);
    expect(created.status).toBe(201);
    expect(created.body).toEqual([{ name: 'bulkAll1', status: 201 }, { name: 'bulkAll2', status: 201 }]);
    expect((await call('GET', '/subaccountDestinations/bulkAll2')).status).toBe(200);
  });

  it('[SPEC] via sap-field-facts.md A.18: when some items of a posted array fail, then 207 with a BulkResponse[] saying which and why', async () => {
    await call('POST', '/subaccountDestinations', http('bulk0'));
    const created = await call('POST', '/subaccountDestinations', [http('bulk1'), http('bulk0'), { Name: 'bulkBad' }]);
    expect(created.status).toBe(207);
    expect(created.body).toMatchObject([{ name: 'bulk1', status: 201 }, { name: 'bulk0', status: 409, cause: expect.stringMatching(/already exists/) }, { name: 'bulkBad', status: 400 }]);
    expect((await call('GET', '/subaccountDestinations/bulk1')).status).toBe(200);
    // Bulk PUT: SPEC (as quoted) names no status; the sandbox keeps 200 (UNCERTAIN.destinationBulkUpdateStatus).
    const updated = await call('PUT', '/subaccountDestinations', [http('bulk1', { Description: 'x' }), http('bulkMissing')]);
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual([{ name: 'bulk1', status: 200 }, expect.objectContaining({ name: 'bulkMissing', status: 404 })]);
  });
});

describe('Destination service: list, $filter, $select, paging, bulk delete', () => {
  beforeAll(async () => {
    await call('POST', '/subaccountDestinations', [http('list_a', { Description: 'one' }), http('list_b', { Description: 'two' }), { Name: 'list_c', Type: 'RFC' }]);
  });

  const names = async (filter: string) => ((await call('GET', `/subaccountDestinations?$filter=${q(filter)}`)).body as { Name: string }[]).map((d) => d.Name).sort();

  it("[SPEC] via sap-field-facts.md A.11: when $filter is Name in (…), startswith(Name,'…') or endswith(Name,'…'), then only matching destinations come back", async () => {
    expect(await names("Name in ('list_a','list_c','zzz')")).toEqual(['list_a', 'list_c']);
    expect(await names("Name in ('list_b')")).toEqual(['list_b']);
    expect(await names("startswith(Name,'list_')")).toEqual(['list_a', 'list_b', 'list_c']);
    expect(await names("startswith(Name, 'LIST_')")).toEqual([]); // case-sensitive
    expect(await names("endswith(Name,'_b')")).toEqual(['list_b']);
  });

  it('[SPEC] via sap-field-facts.md A.11: when $filter is anything else (Name eq, other properties, and/or, other functions), then 400', async () => {
    for (const filter of [
      "Name eq 'list_a'", // what the product's findDestinationByName sent before
      "Type eq 'HTTP'",
      "Description in ('one')",
      "Name in ('list_a') or Name in ('list_b')",
      "startswith(Name,'list_') and endswith(Name,'_b')",
      "contains(Name,'list')",
      "startswith(Type,'H')",
      'Name gt 1',
      "Name in ('list_a'",
      'modifiedwithin(soon)',
    ]) {
      const res = await call('GET', `/subaccountDestinations?$filter=${q(filter)}`);
      expect([filter, res.status, typeof res.body.ErrorMessage]).toEqual([filter, 400, 'string']);
    }
  });

  it('[SPEC] via sap-field-facts.md A.11: when $filter is modifiedwithin(<ISO 8601 duration>), then only destinations created or overwritten within it come back, and no time property shows', async () => {
    const realNow = sb.context.now;
    try {
      // Later than every other destination of this file (so PT1H picks only these), within the bearer token's 12 h.
      const start = Date.now() + 3_600_000;
      sb.context.now = () => new Date(start);
      await call('POST', '/subaccountDestinations', [http('mod_old'), http('mod_updated')]);
      sb.context.now = () => new Date(start + 2 * 3_600_000);
      await call('POST', '/subaccountDestinations', http('mod_new'));
      await call('PUT', '/subaccountDestinations', http('mod_updated', { Description: 'touched' }));
      sb.context.now = () => new Date(start + 2 * 3_600_000 + 60_000);
      const recent = (await names('modifiedwithin(PT1H)')).filter((n) => n.startsWith('mod_'));
      expect(recent).toEqual(['mod_new', 'mod_updated']);
      expect((await names("modifiedwithin('P1D')")).filter((n) => n.startsWith('mod_'))).toEqual(['mod_new', 'mod_old', 'mod_updated']);
      expect((await names('modifiedwithin(PT30S)')).filter((n) => n.startsWith('mod_'))).toEqual([]);
      // The modification time is kept beside the destination, never as one of its properties (UNCERTAIN.destinationFilter).
      expect(Object.keys((await call('GET', '/subaccountDestinations/mod_new')).body).sort()).toEqual(Object.keys(http('mod_new')).sort());
      const deleted = await call('DELETE', `/subaccountDestinations?$filter=${q('modifiedwithin(PT1H)')}`);
      expect(deleted.status).toBe(200);
      expect(deleted.body.Summary.filter((s: { name: string }) => s.name.startsWith('mod_'))).toEqual(
        expect.arrayContaining([{ name: 'mod_new', status: 'DELETED' }, { name: 'mod_updated', status: 'DELETED' }]),
      );
      expect((await call('GET', '/subaccountDestinations/mod_old')).status).toBe(200);
    } finally {
      sb.context.now = realNow;
    }
  });

  it('when $select=Name, then only names are listed; /instanceDestinations is an empty list', async () => {
    const res = await call('GET', `/subaccountDestinations?$select=Name&$filter=${q("Name in ('list_b')")}`);
    expect(res.body).toEqual([{ Name: 'list_b' }]);
    expect(await call('GET', '/instanceDestinations')).toMatchObject({ status: 200, body: [] });
  });

  it('when $page and $pageSize are given, then the page is sliced and the count headers are set on request', async () => {
    const filter = q("Name in ('list_a','list_b','list_c')");
    const res = await call('GET', `/subaccountDestinations?$filter=${filter}&$page=2&$pageSize=2&$pageCount=true&$entityCount=true`);
    expect(res.body).toHaveLength(1);
    expect(res.headers.get('Page-Count')).toBe('2');
    expect(res.headers.get('Entity-Count')).toBe('3');
    const plain = await call('GET', `/subaccountDestinations?$filter=${filter}&$page=1&$pageSize=2`);
    expect(plain.body).toHaveLength(2);
    expect(plain.headers.get('Page-Count')).toBeNull();
  });

  it('when deleting by $filter, then a BulkDelete reports DELETED and NOT_FOUND; without $filter, or with Name eq, it is 400', async () => {
    expect((await call('DELETE', '/subaccountDestinations')).status).toBe(400);
    expect((await call('DELETE', `/subaccountDestinations?$filter=${q("Name eq 'list_a'")}`)).status).toBe(400); // [SPEC] A.11
    expect((await call('GET', '/subaccountDestinations/list_a')).status).toBe(200);
    const res = await call('DELETE', `/subaccountDestinations?$filter=${q("Name in ('list_a','list_c','ghost')")}`);
    expect(res.status).toBe(200);
    expect(res.body.Count).toBe(2);
    expect(res.body.Summary).toEqual(
      expect.arrayContaining([{ name: 'list_a', status: 'DELETED' }, { name: 'list_c', status: 'DELETED' }, expect.objectContaining({ name: 'ghost', status: 'NOT_FOUND' })]),
    );
    expect((await call('GET', '/subaccountDestinations/list_a')).status).toBe(404);
    expect((await call('GET', '/subaccountDestinations/list_b')).status).toBe(200);
  });
});

describe('Destination service: trust certificate (saml2Metadata)', () => {
  const cnOf = (pem: string) => /CN=([^\n]+)/.exec(new X509Certificate(pem).subject)?.[1];

  it('when the active certificate is read, then its CN is cfapps.<landscape>/<subaccountId> (66+ characters) and renew changes it', async () => {
    const before = await call('GET', '/saml2Metadata/certificate');
    expect(before.status).toBe(200);
    const cn = cnOf(before.body.certificate);
    expect(cn).toBe(`cfapps.eu10.hana.ondemand.com/${sb.descriptor.btp.subaccountId}`);
    expect(cn!.length).toBeGreaterThanOrEqual(66);
    const renewed = await call('POST', '/saml2Metadata/certificate');
    expect(renewed.status).toBe(200); // [SPEC] via sap-field-facts.md A.42
    expect(renewed.body.certificate).not.toBe(before.body.certificate);
    expect(cnOf(renewed.body.certificate)).toBe(cn);
    expect((await call('GET', '/saml2Metadata/certificate')).body.certificate).toBe(renewed.body.certificate);
  });

  it('[SPEC] via sap-field-facts.md A.42–A.44: when a passive certificate is generated (200), rotated and deleted (200), then active and passive swap; without passive rotate is 404 "Passive Keypair … does not exist"', async () => {
    expect(await call('GET', '/saml2Metadata/certificate/passive')).toMatchObject({ status: 404, body: { ErrorMessage: expect.stringMatching(/no Key Pair/) } });
    const refused = await call('POST', '/saml2Metadata/rotateCertificate');
    expect(refused.status).toBe(404);
    expect(refused.body.ErrorMessage).toMatch(/^Passive Keypair .* does not exist$/); // the elided words: UNCERTAIN.trustRotateWithoutPassiveMessage
    const active = (await call('GET', '/saml2Metadata/certificate')).body.certificate;
    const generated = await call('POST', '/saml2Metadata/certificate/passive');
    expect(generated.status).toBe(200);
    const passive = generated.body.certificate;
    expect((await call('GET', '/saml2Metadata/certificate/passive')).body.certificate).toBe(passive);
    const rotated = await call('POST', '/saml2Metadata/rotateCertificate');
    expect(rotated).toMatchObject({ status: 200, body: { activeCertificate: passive, passiveCertificate: active } });
    expect((await call('GET', '/saml2Metadata/certificate')).body.certificate).toBe(passive);
    expect((await call('DELETE', '/saml2Metadata/certificate/passive')).status).toBe(200);
    expect((await call('GET', '/saml2Metadata/certificate/passive')).status).toBe(404);
  });

  it('when there is no active key pair, then GET answers 404; generateTrustKeyPair renews it without HTTP', async () => {
    sb.context.state.btp.trust.active = null;
    expect(await call('GET', '/saml2Metadata/certificate')).toMatchObject({ status: 404, body: { ErrorMessage: expect.any(String) } });
    const pair = generateTrustKeyPair(sb.context);
    expect((await call('GET', '/saml2Metadata/certificate')).body.certificate).toBe(pair.certificatePem);
  });
});
