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

/** A DNS name of at least three labels, lower case, e.g. eu10-004.hana.ondemand.com. */
export const LANDSCAPE_DOMAIN_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?){2,}$/;
