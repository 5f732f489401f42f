import { describe, expect, it } from 'vitest';
import { CS, useSandboxClient, unique } from './s4-odata-client.js';

/**
 * GET/DELETE /sandbox/trust-agreement: when a communication system started and stopped trusting BTP's active trust
 * certificate — the sandbox's own record, with which the rotation test measures how long S/4 and BTP disagreed.
 */
const ctx = useSandboxClient();
const control = (method: string, path: string) => fetch(`${ctx.sb.descriptor.baseUrl}/sandbox${path}`, { method });
const agreement = async () => ((await (await control('GET', '/trust-agreement')).json()) as { changes: { at: number; systemId: string; agrees: boolean }[] }).changes;
const base64 = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s/g, '');

async function destination(method: string, path: string) {
  const key = ctx.sb.descriptor.btp.loopbackDestinationServiceKey;
  const token = (await (await fetch(`${key.url}/oauth/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: key.clientid, client_secret: key.clientsecret }) })).json()) as { access_token: string };
  return fetch(`${key.uri}/destination-configuration/v1${path}`, { method, headers: { authorization: `Bearer ${token.access_token}` } });
}

describe('sandbox trust agreement record', () => {
  it('when S/4 takes the passive certificate and BTP rotates, then the record shows one span of disagreement, closed by the rotation', async () => {
    const active = ((await (await destination('GET', '/saml2Metadata/certificate')).json()) as { certificate: string }).certificate;
    const id = unique('ROT');
    const system = (
      await ctx.client.post(`${CS}/CommunicationSystems`, { ID: id, Name: id, IsOAuth2IdentityProviderActive: true, OAuth2IdentityProviderName: 'cfapps.x/y', OAuth2IdentityProviderCertificatePublicKeyBase64: base64(active) })
    ).body;
    const reset = await control('DELETE', '/trust-agreement');
    expect(reset.status).toBe(200);
    expect((await agreement()).filter((c) => c.systemId === id)).toEqual([expect.objectContaining({ agrees: true })]);

    const passive = ((await (await destination('POST', '/saml2Metadata/certificate/passive')).json()) as { certificate: string }).certificate;
    // Generating a passive certificate changes nothing for S/4: BTP still signs with the active one.
    expect((await agreement()).filter((c) => c.systemId === id)).toHaveLength(1);
    const patched = await ctx.client.patch(`${CS}/CommunicationSystems(${system.UUID})`, { OAuth2IdentityProviderCertificatePublicKeyBase64: base64(passive) });
    expect(patched.status).toBe(200);
    expect((await destination('POST', '/saml2Metadata/rotateCertificate')).status).toBe(200);

    const changes = (await agreement()).filter((c) => c.systemId === id);
    expect(changes.map((c) => c.agrees)).toEqual([true, false, true]);
    expect(changes[2]!.at).toBeGreaterThanOrEqual(changes[1]!.at);
  });
});
