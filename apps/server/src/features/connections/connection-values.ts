import { DEFAULT_DESTINATION_NAME, FIXED_VALUES, s4Endpoints, samlIssuerFor, type ConnectionValues, type EnteredValues } from '@tcc/shared';
import type { ConnectionAggregate } from '../../store/types.js';

/**
 * Every value known for a connection: from the connection itself, the host rules, the trust certificate, the
 * procedure's fixed values and what the admin entered at each step. `override` applies a request's entries first.
 */
export function connectionValues({ connection, steps, certificate }: ConnectionAggregate, override?: { stepId: number; values: EnteredValues }): ConnectionValues {
  const endpoints = s4Endpoints({ uiHost: connection.s4UiHost, apiHost: connection.s4ApiHost }, connection.s4Client);
  const entered = steps
    .filter((step) => step.stepId !== override?.stepId)
    .map((step) => step.values)
    .concat(override ? [override.values] : []);
  const values: ConnectionValues = {
    subaccountId: connection.subaccountId,
    landscapeDomain: connection.landscapeDomain,
    s4Client: connection.s4Client,
    s4UiHost: endpoints.uiHost,
    s4ApiHost: endpoints.apiHost,
    expectedTokenServiceUrl: endpoints.tokenServiceUrl,
    expectedSamlAudience: endpoints.samlAudience,
    destinationUrl: endpoints.destinationUrl,
    ...FIXED_VALUES,
    // The name step 20 proposes, until the admin saves another: "Copy all as JSON" must carry a Name before step 20.
    destinationName: DEFAULT_DESTINATION_NAME,
    ...Object.assign({}, ...entered),
  };
  if (certificate) {
    values.trustCertificate = certificate.fileName;
    values.certificateSubject = certificate.subject;
    // This connection's CN, never another subaccount's from a certificate stored before such uploads were refused.
    values.samlIssuer = samlIssuerFor(connection, certificate.cn);
    values.certificateFingerprint = certificate.fingerprintSha256;
    values.certificateNotAfter = certificate.notAfter;
  }
  return values;
}
