import { describe, expect, it } from 'vitest';
import { SapTransportError } from '../http/sap-http.js';
import { S4Error, toS4Error } from './errors.js';

const context = { action: 'create communication user TC_USER', user: 'COMM_MGMT_0A48' };
const odata = (code: string, message: string, details: object[] = []) => JSON.stringify({ error: { code, message, details } });

describe('toS4Error: S/4 answers and transport failures as typed errors', () => {
  it('when S/4 answers 401 with its HTML logon page, then S4_AUTH_FAILED names the user and is not a 401 of ours', () => {
    const error = toS4Error(401, '<html><body>Logon failed</body></html>', context);
    expect(error).toBeInstanceOf(S4Error);
    expect(error).toMatchObject({ code: 'S4_AUTH_FAILED', status: 502, upstreamStatus: 401 });
    expect(error.message).toMatch(/^S\/4HANA refused the SAP_COM_0A48 communication user COMM_MGMT_0A48; check its password or whether it is locked\. .*no further call is made with this password/);
  });

  it('when S/4 refuses a rule with 400, then SAP\'s message, code and field details pass through', () => {
    const body = odata('CM_APS_CS/026', 'Users cannot be created together with the system', [{ code: 'CM_APS_CS/026', message: 'Create the system first', target: 'InboundUsers' }]);
    const error = toS4Error(400, body, context);
    expect(error).toMatchObject({ code: 'S4_RULE', status: 422, sapCode: 'CM_APS_CS/026', details: [{ field: 'InboundUsers', message: 'Create the system first' }] });
    expect(error.message).toContain('Users cannot be created together with the system (CM_APS_CS/026)');
  });

  it('when S/4 answers 409, 404 or 503, then they become S4_CONFLICT, S4_NOT_FOUND and S4_UNAVAILABLE', () => {
    expect(toS4Error(409, odata('CM_APS_CU/003', 'Communication user TC_USER already exists'), context).code).toBe('S4_CONFLICT');
    expect(toS4Error(404, '', context).code).toBe('S4_NOT_FOUND');
    expect(toS4Error(503, 'Service Unavailable', context)).toMatchObject({ code: 'S4_UNAVAILABLE', status: 503, sapCode: undefined });
  });

  it('when no answer came, then the transport message is kept and there is no upstream status', () => {
    const error = toS4Error(null, new SapTransportError('SAP did not answer within 20 s (POST /x).', null, 'timeout'), context);
    expect(error).toMatchObject({ code: 'S4_UNAVAILABLE', upstreamStatus: null });
    expect(error.message).toContain('did not answer within 20 s');
  });
});
