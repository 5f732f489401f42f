import { randomBytes } from 'node:crypto';
import { createKeyPair } from './crypto/keys.js';
import type { SandboxOptions, SandboxSecrets } from './options.js';
import type { BusinessUser, SandboxState } from './state.js';
import { UNCERTAIN } from './uncertain.js';

const DEFAULTS = {
  subaccountId: '6b1f0c8e-3d2a-4c5b-9e7f-1a2b3c4d5e6f',
  landscapeDomain: 'eu10.hana.ondemand.com',
  subdomain: 'sandbox',
  s4Tenant: '900001',
  s4Domain: 's4hana.ondemand.com',
  s4Client: '100',
} as const;

/** A password that meets S/4's communication user rule: ≥ 20 characters with a special character, no comma. */
export const strongPassword = () => `Sbx!${randomBytes(18).toString('base64url')}`;

function secrets(given: Partial<SandboxSecrets> = {}): SandboxSecrets {
  return {
    destinationClientId: 'sb-destination-sandbox!b1',
    destinationClientSecret: randomBytes(24).toString('base64url'),
    appClientId: 'sb-taskcenter-demo!t1',
    appClientSecret: randomBytes(24).toString('base64url'),
    managementUserName: 'COMM_MGMT_0A48',
    managementUserPassword: strongPassword(),
    businessUserPassword: strongPassword(),
    ...given,
  };
}

/**
 * Demo users. The first four sign in through the subaccount's SAP Cloud Identity Services tenant, which sets a GUID
 * user_uuid that XSUAA passes on (specs/NOTES.md §4): three exist in S/4 with that UUID; nora is missing in S/4 (a
 * failure to explain). The last one signs in with SAP ID service (origin sap.default), whose user_uuid is an SAP user
 * ID, not a GUID: no S/4 user UUID can equal it, so the SAML bearer flow cannot map her (sap-field-facts.md row 3).
 * Keep the order: tools take the first user with inS4 for a working token and the first without for the newcomer.
 */
function demoUsers(password: string): BusinessUser[] {
  const ias = UNCERTAIN.xsuaaOrigins.ias;
  return [
    { userUuid: '3f9c2a71-8d4e-4b6a-a1c2-5e7f90b1c3d4', userName: 'anna.approver@example.com', email: 'anna.approver@example.com', password, inS4: true, origin: ias },
    { userUuid: '7a1e4c92-0b3d-4f58-8e6a-2c4d6f8a0b1c', userName: 'bob.buyer@example.com', email: 'bob.buyer@example.com', password, inS4: true, origin: ias },
    { userUuid: 'c5d7e9f1-2a4b-4c6d-8e0f-1a3b5c7d9e0f', userName: 'carla.controller@example.com', email: 'carla.controller@example.com', password, inS4: true, origin: ias },
    { userUuid: 'e2f4a6b8-c0d2-4e4f-a6b8-c0d2e4f6a8b0', userName: 'nora.newhire@example.com', email: 'nora.newhire@example.com', password, inS4: false, origin: ias },
    { userUuid: 'P000123', userName: 'paula.partner@example.com', email: 'paula.partner@example.com', password, inS4: false, origin: UNCERTAIN.xsuaaOrigins.sapIdService },
  ];
}

export function createState(options: SandboxOptions = {}): { state: SandboxState; secrets: SandboxSecrets } {
  const o = { ...DEFAULTS, ...options };
  const s = secrets(options.secrets);
  const trustCn = `cfapps.${o.landscapeDomain}/${o.subaccountId}`;
  const state: SandboxState = {
    btp: {
      subaccountId: o.subaccountId,
      landscapeDomain: o.landscapeDomain,
      subdomain: o.subdomain,
      zoneId: o.subaccountId,
      clients: new Map([
        [s.destinationClientId, { secret: s.destinationClientSecret, kind: 'destination-service' }],
        [s.appClientId, { secret: s.appClientSecret, kind: 'app' }],
      ]),
      trust: { active: createKeyPair(UNCERTAIN.trustCertificateSubject(trustCn), o.trustCertificateValidDays ?? 730), passive: null },
      destinations: new Map(),
      destinationModifiedAt: new Map(),
      tokenSigningKey: createKeyPair([{ shortName: 'CN', value: `${o.subdomain}.authentication.${o.landscapeDomain}` }], 3650),
    },
    s4: {
      tenant: `my${o.s4Tenant}`,
      uiHost: `my${o.s4Tenant}.${o.s4Domain}`,
      apiHost: `my${o.s4Tenant}-api.${o.s4Domain}`,
      client: o.s4Client,
      managementUser: { name: s.managementUserName, password: s.managementUserPassword, failedLogons: 0, locked: false },
      communicationUsers: new Map(),
      communicationSystems: new Map(),
      inboundUsers: new Map(),
      arrangements: new Map(),
      accessTokens: new Map(),
      csrfTokens: new Map(),
      nextUserNumber: 1,
    },
    users: demoUsers(s.businessUserPassword),
  };
  return { state, secrets: s };
}
