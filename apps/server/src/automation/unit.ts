import type { AutomationUnitId, EnteredValues, FieldDiff, UnitPlan } from '@tcc/shared';
import type { BtpService, Destination } from '../sap/btp/index.js';
import type { S4Service } from '../sap/s4hana/index.js';
import type { SecretString } from '../secrets/index.js';
import type { ClientIdChoice, TenantFacts } from './tenant-facts.js';

/** What units learn from SAP and hand to the units after them (a unit's `gives`, another's `needs`). */
export interface Facts {
  trust?: { pem: string; cn: string; certificateBase64: string; subject: string; issuer: string };
  user?: { id: string; name: string };
  system?: { uuid: string; id: string };
  /** The OAuth 2.0 SAML-bearer inbound user; clientId is what S/4 holds (read back), never assumed. */
  inbound?: { uuid: string; clientId: string };
  oauth?: { clientId: string; tokenServiceUrl: string; samlAudience: string };
}

export type FactKey = keyof Facts;

/** The names and values the setup uses: what the admin entered in the wizard, else the defaults. */
export interface Desired {
  /** The connection's subaccount: the trust certificate read through the key must be this one's. */
  subaccountId: string;
  communicationUserName: string;
  communicationUserDescription: string;
  systemId: string;
  systemName: string;
  arrangementName: string;
  destinationName: string;
  s4UiHost: string;
  s4ApiHost: string;
  s4Client: string;
  taskCenterPassword: SecretString;
  /** True when assisted setup itself put the stored password on the communication user, after it was last changed. */
  passwordSetInS4: boolean;
  /** The product's client-ID choice (config S4_CLIENT_ID): rename a derived ID to the user name, or use it as derived. */
  clientIdChoice: ClientIdChoice;
  /** `<tenantId>/<connectionId>`: the mark left on what this connection creates (units/destination-owner.ts). */
  connectionMark: string;
}

export interface UnitContext {
  btp: BtpService;
  s4: S4Service;
  desired: Desired;
  facts: Facts;
  /** What the preflight settled about this tenant (tenant-facts.ts); absent when it could not be read. */
  tenant?: TenantFacts;
  /**
   * The subaccount's destinations as the preflight listed them, moments before the units: a unit that only decides by
   * a destination takes it from here. A unit that writes the destination reads it again first.
   */
  destinations?: Destination[];
  /** Systems the preflight could not reach at all (no answer): their units are not planned, the one cause is said once. */
  unreachable?: Set<'btp' | 's4hana'>;
}

/** The names the UI shows for the units, for messages (never the internal ids). */
export const UNIT_LABELS: Record<AutomationUnitId, string> = {
  trustCertificate: 'trust certificate',
  communicationUser: 'communication user',
  communicationSystem: 'communication system',
  inboundUser: 'user for inbound communication',
  arrangement: 'communication arrangement',
  oauthDetails: 'OAuth 2.0 details',
  destination: 'Task Center destination',
};

/** What applying a unit leaves behind: the facts it found or made, and the values its seed steps record. */
export interface UnitOutcome {
  stepValues?: EnteredValues;
  /** What the admin must still do by hand, and in which steps (left open). */
  manual?: string;
  manualSteps?: number[];
}

/**
 * One SAP object of the setup, in one place: how to plan it (read only), apply it (idempotently: it reads first and
 * creates only what is missing, so a re-run or a resumed run never makes a second one), and what it records.
 */
export interface AutomationUnit {
  id: AutomationUnitId;
  system: 'btp' | 's4hana';
  steps: number[];
  /**
   * The facts of earlier units that this unit's SAP calls send or SAP requires to exist, each with the data it takes:
   * a run starts the unit once the units that give them have applied, and not before (units/index.ts derives it).
   */
  needs: Partial<Record<FactKey, string>>;
  /** The facts this unit leaves for later units. */
  gives: FactKey[];
  plan(ctx: UnitContext): Promise<Omit<UnitPlan, 'unit' | 'system' | 'steps'>>;
  apply(ctx: UnitContext, options: { confirmChanges: boolean }): Promise<UnitOutcome>;
}

export const diffOf = (current: Record<string, string | undefined>, desired: Record<string, string>, secrets: string[] = []): FieldDiff[] =>
  Object.entries(desired)
    .filter(([field, value]) => (current[field] ?? '') !== value)
    .map(([field, value]) => {
      const secret = secrets.includes(field);
      return { field, current: secret ? null : (current[field] ?? null), desired: secret ? null : value, secret };
    });
