import type { SandboxContext } from './context.js';
import { UNCERTAIN } from './uncertain.js';

/** What `npm run sandbox` prints: everything needed to point the product, or SAP's SDK, at the sandbox. */
export function sandboxDescriptor(ctx: SandboxContext) {
  const { state, secrets, hosts } = ctx;
  const baseUrl = ctx.baseUrl();
  const serviceKey = (url: string, uri: string) => ({
    clientid: secrets.destinationClientId,
    clientsecret: secrets.destinationClientSecret,
    url,
    uri,
    uaadomain: new URL(url).host,
    identityzone: state.btp.subdomain,
    tenantid: state.btp.zoneId,
    tenantmode: 'dedicated',
  });
  return {
    sandbox: true,
    baseUrl,
    /** Only when the sandbox serves https: the test CA its certificate chains to (e.g. a file for NODE_EXTRA_CA_CERTS). */
    tls: ctx.tls ? { caCertificatePem: ctx.tls.caCertificatePem } : undefined,
    /** The undocumented choices in force (profile.ts); PUT /sandbox/profile changes them. */
    profile: { ...ctx.profile },
    /** Every simulated SAP host and the loopback address that serves it. */
    hostMap: Object.fromEntries(Object.values(hosts).map((host) => [host, baseUrl])),
    btp: {
      subaccountId: state.btp.subaccountId,
      landscapeDomain: state.btp.landscapeDomain,
      subdomain: state.btp.subdomain,
      trustCertificateCn: `cfapps.${state.btp.landscapeDomain}/${state.btp.subaccountId}`,
      /** The Destination service key as the BTP cockpit shows it (SAP host names; reach them through hostMap). */
      destinationServiceKey: serviceKey(`https://${hosts.xsuaa}`, `https://${hosts.destination}`),
      /** The same key with loopback URLs, for tools that cannot map hosts (curl, SAP Cloud SDK in tests). */
      loopbackDestinationServiceKey: serviceKey(baseUrl, baseUrl),
      /** A client of the subaccount for user tokens (password grant), as an app bound to XSUAA would have. */
      userTokenClient: { clientid: secrets.appClientId, clientsecret: secrets.appClientSecret },
    },
    s4: {
      uiHost: state.s4.uiHost,
      apiHost: state.s4.apiHost,
      client: state.s4.client,
      communicationManagement: {
        scenario: 'SAP_COM_0A48',
        user: state.s4.managementUser.name,
        password: state.s4.managementUser.password,
      },
    },
    /** origin: XSUAA's origin key of the user's identity provider (sap.default = SAP ID service, whose user_uuid is no GUID). */
    businessUsers: state.users.map(({ userName, email, userUuid, password, inS4, origin }) => ({ userName, email, userUuid, password, inS4, origin: origin ?? UNCERTAIN.xsuaaOrigins.ias })),
    howToGetAUserToken: `POST ${baseUrl}/oauth/token with form fields grant_type=password, username, password, client_id and client_secret of userTokenClient`,
    controls: {
      faults: `${baseUrl}/sandbox/faults`,
      profile: `${baseUrl}/sandbox/profile`,
      actions: `${baseUrl}/sandbox/actions/{renew-trust-certificate|rotate-trust-certificate|lock-communication-user|delete-arrangement|expire-csrf-tokens}`,
      fiori: `${baseUrl}/sandbox/fiori`,
    },
  };
}

export type SandboxDescriptor = ReturnType<typeof sandboxDescriptor>;
