/**
 * Cloud Foundry landscape domains, from SAP-docs/btp-cloud-platform
 * docs/10-concepts/regions-and-api-endpoints-available-for-the-cloud-foundry-environment-f344a57.md.
 * Offered as suggestions only: SAP adds extension landscapes (eu10-005, …), so any domain of the same shape is accepted.
 */
export const KNOWN_LANDSCAPE_DOMAINS = [
  'eu10.hana.ondemand.com',
  'eu10-002.hana.ondemand.com',
  'eu10-003.hana.ondemand.com',
  'eu10-004.hana.ondemand.com',
  'eu11.hana.ondemand.com',
  'eu20.hana.ondemand.com',
  'eu20-001.hana.ondemand.com',
  'eu30.hana.ondemand.com',
  'us10.hana.ondemand.com',
  'us10-001.hana.ondemand.com',
  'us10-002.hana.ondemand.com',
  'us20.hana.ondemand.com',
  'us21.hana.ondemand.com',
  'us30.hana.ondemand.com',
  'ca10.hana.ondemand.com',
  'br10.hana.ondemand.com',
  'jp10.hana.ondemand.com',
  'jp20.hana.ondemand.com',
  'ap10.hana.ondemand.com',
  'ap11.hana.ondemand.com',
  'ap12.hana.ondemand.com',
  'ap20.hana.ondemand.com',
  'ap21.hana.ondemand.com',
  'ch20.hana.ondemand.com',
  'in30.hana.ondemand.com',
  'cn40.platform.sapcloud.cn',
] as const;

/**
 * One region label under SAP's two Cloud Foundry domains, lower case: eu10-004.hana.ondemand.com,
 * cn40.platform.sapcloud.cn (the list above). Any other domain would let a service key name hosts outside SAP's
 * (btp-hosts.ts builds the XSUAA and Destination hosts from it).
 */
export const LANDSCAPE_DOMAIN_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.(?:hana\.ondemand\.com|platform\.sapcloud\.cn)$/;
