import { describe, expect, it } from 'vitest';
import { parseS4Host, s4Endpoints } from './s4-hosts.js';

describe('parseS4Host', () => {
  it.each([
    ['my123456.s4hana.ondemand.com', 'my123456.s4hana.ondemand.com', false],
    ['  MY123456-API.S4HANA.ONDEMAND.COM ', 'my123456.s4hana.ondemand.com', true],
    ['https://my1234567.s4hana.cloud.sap/ui#Shell-home', 'my1234567.s4hana.cloud.sap', false],
    ['my404930-api.s4hana.cloud.sap.', 'my404930.s4hana.cloud.sap', true],
  ])('when given %s, then the UI host is %s', (input, uiHost, enteredApiHost) => {
    const result = parseS4Host(input);
    expect(result).toMatchObject({ ok: true, host: { uiHost, enteredApiHost } });
  });

  it.each(['', 'example.com', 'my12345.s4hana.ondemand.com', 'my123456.s4hana.ondemand.com.attacker.io', 'my123456.s4hana.ondemand.com:8443', 'admin@my123456.s4hana.ondemand.com', 'xy123456.s4hana.ondemand.com'])(
    'when given %j, then it is refused with what a host looks like',
    (input) => {
      const result = parseS4Host(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/s4hana/);
    },
  );

  it('when endpoints are derived, then the token URL uses the -api host and the audience the UI host', () => {
    const result = parseS4Host('my123456.s4hana.cloud.sap');
    if (!result.ok) throw new Error(result.message);
    expect(s4Endpoints(result.host, '080')).toEqual({
      uiHost: 'my123456.s4hana.cloud.sap',
      apiHost: 'my123456-api.s4hana.cloud.sap',
      tokenServiceUrl: 'https://my123456-api.s4hana.cloud.sap/sap/bc/sec/oauth2/token',
      samlAudience: 'https://my123456.s4hana.cloud.sap',
      destinationUrl: 'https://my123456-api.s4hana.cloud.sap/',
      replicationServiceUrl:
        'https://my123456-api.s4hana.cloud.sap/sap/opu/odata4/sap/api_task_spi_replication/default/sap/api_task_spi_replication/0001/?sap-client=080',
    });
  });
});
