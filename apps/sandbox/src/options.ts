import type { ProfileName, SandboxProfile } from './profile.js';

/** What one sandbox simulates. Every field has a default, so `startSandbox()` alone gives a working pair of systems. */
export interface SandboxOptions {
  /** 0 picks a free port. */
  port?: number;
  subaccountId?: string;
  landscapeDomain?: string;
  subdomain?: string;
  /** The digits of the S/4 tenant: my<digits>.s4hana.ondemand.com. */
  s4Tenant?: string;
  s4Domain?: 's4hana.ondemand.com' | 's4hana.cloud.sap';
  s4Client?: string;
  /** Fixed secrets make runs repeatable (tests); random ones are made otherwise. */
  secrets?: Partial<SandboxSecrets>;
  faults?: Partial<FaultSettings>;
  /** The undocumented choices (profile.ts): a named profile or switches over EVIDENCE. */
  profile?: ProfileName | Partial<SandboxProfile>;
  /** Keeps the simulated state in this file across restarts (created on first start). Without it, state lives in memory. */
  stateFile?: string;
  /** Days the generated trust certificate is valid (BTP gives 2 years on renewal, sap-apis.md A.5). */
  trustCertificateValidDays?: number;
  /**
   * Serve https instead of plain http, with a certificate for 127.0.0.1 and localhost signed by a test CA made at start
   * (crypto/test-ca.ts); the descriptor carries the CA as `tls.caCertificatePem`. For clients that insist on https, such
   * as the SAP Cloud SDK with a user JWT (sap-cloud-sdk.md). Default false: plain http.
   */
  https?: boolean;
}

export interface SandboxSecrets {
  destinationClientId: string;
  destinationClientSecret: string;
  appClientId: string;
  appClientSecret: string;
  managementUserName: string;
  managementUserPassword: string;
  businessUserPassword: string;
}

/** Fault injection; every field can be changed at run time through PUT /sandbox/faults. */
export interface FaultSettings {
  /** Added before every simulated SAP call is answered. */
  latencyMs: number;
  /** Share of calls (0–1) that fail with `errorStatus`. */
  errorRate: number;
  /** 401/403: the gateway refusing the caller (e.g. a token S/4 does not accept), as opposed to 429/5xx outages. */
  errorStatus: 401 | 403 | 429 | 500 | 502 | 503;
  /** Sent with 429 and 503 answers. */
  retryAfterSeconds: number;
  /** Share of calls (0–1) that are never answered. */
  hangRate: number;
  /** The next N calls fail with `errorStatus` (deterministic, for tests). */
  failNextCalls: number;
  /** The next N calls hang. */
  hangNextCalls: number;
  /**
   * The next N calls are carried out, and then their answer is lost (the connection is cut instead): a write that SAP
   * applied although the client never heard so — what a client must settle by reading, never by repeating.
   */
  dropAnswerNextCalls: number;
  /** Only calls whose path matches this regular expression are affected; empty means all simulated SAP calls. */
  pathPattern: string;
  /** Only calls with this HTTP method (e.g. POST) are affected; empty means any. */
  method: string;
}

export const DEFAULT_FAULTS: FaultSettings = {
  latencyMs: 0,
  errorRate: 0,
  errorStatus: 503,
  retryAfterSeconds: 1,
  hangRate: 0,
  failNextCalls: 0,
  hangNextCalls: 0,
  dropAnswerNextCalls: 0,
  pathPattern: '',
  method: '',
};
