import type { FaultSettings, SandboxSecrets } from './options.js';
import type { SandboxProfile } from './profile.js';
import type { SandboxState } from './state.js';
import { createTrustAgreementLog, type TrustAgreementLog } from './control/trust-agreement.js';

/** Host names of the simulated systems, in SAP's URL shapes. */
export interface SandboxHosts {
  /** XSUAA of the subaccount: <subdomain>.authentication.<landscape>. */
  xsuaa: string;
  /** The Destination service: destination-configuration.cfapps.<landscape>. */
  destination: string;
  s4Ui: string;
  s4Api: string;
}

/** Everything the sandbox's routers share. Created once per sandbox; `faults` changes at run time. */
export interface SandboxContext {
  state: SandboxState;
  secrets: SandboxSecrets;
  faults: FaultSettings;
  /** The undocumented choices in force (profile.ts); changes at run time. */
  profile: SandboxProfile;
  hosts: SandboxHosts;
  /** http://127.0.0.1:<port> (https:// with the `https` option), known once the server listens. */
  baseUrl(): string;
  /** Set when the sandbox serves https: the test CA that signed its certificate, for clients to trust. */
  tls?: { caCertificatePem: string };
  /** Maps a URL on a simulated SAP host (https://my900001-api…/path) to the loopback URL that serves it, or null. */
  toLoopback(url: string): string | null;
  now(): Date;
  /**
   * Simulated SAP calls served (not /sandbox/*), for tests that act at a given point of a run; and the latest writes
   * (method and path of every call other than GET/HEAD, the last WRITE_LOG_SIZE), for tests that prove what was not written;
   * and the latest calls, reads too, with when each arrived and was answered, for tests and benchmarks that check which
   * calls overlapped.
   */
  stats: { calls: number; writes: { method: string; path: string }[]; recent: CallTiming[] };
  /** When each communication system agreed with BTP's active certificate (control/trust-agreement.ts). */
  trustAgreement: TrustAgreementLog;
}

/** One simulated SAP call: epoch milliseconds (fractional) of its arrival and of its answer (null while unanswered). */
export interface CallTiming {
  method: string;
  path: string;
  arrivedAt: number;
  answeredAt: number | null;
}

export function createContext(state: SandboxState, secrets: SandboxSecrets, faults: FaultSettings, baseUrl: () => string, profile: SandboxProfile): SandboxContext {
  const hosts: SandboxHosts = {
    xsuaa: `${state.btp.subdomain}.authentication.${state.btp.landscapeDomain}`,
    destination: `destination-configuration.cfapps.${state.btp.landscapeDomain}`,
    s4Ui: state.s4.uiHost,
    s4Api: state.s4.apiHost,
  };
  const simulated = new Set(Object.values(hosts));
  return {
    state,
    secrets,
    faults,
    profile,
    hosts,
    baseUrl,
    now: () => new Date(),
    stats: { calls: 0, writes: [], recent: [] },
    trustAgreement: createTrustAgreementLog(),
    toLoopback(url) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return null;
      }
      if (!simulated.has(parsed.hostname.toLowerCase())) return null;
      return `${baseUrl()}${parsed.pathname}${parsed.search}`;
    },
  };
}
