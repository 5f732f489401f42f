/**
 * The sandbox's switches: every choice where SAP's behaviour is not settled by a public source
 * (../shared/reference/sap-field-facts.md "What only a live tenant can settle", and the rows marked [3rd]). Rules SAP
 * documents are not here: they hold in every profile. Tests run the suites against LENIENT and STRICT (every choice
 * resolved the hardest way for a client); `npm start` uses EVIDENCE, each switch set to what the best source says.
 * Set at start with `SANDBOX_PROFILE` (a name or JSON), at run time with `PUT /sandbox/profile`.
 */
export interface SandboxProfile {
  /**
   * D.33: whether `OAuth2IdentityProviderCertificatePublicKeyBase64` can be written through the API (replacing Fiori's
   * "Upload Signing Certificate"). When false, see signingCertificateShownReadOnly for how the tenant says no.
   */
  signingCertificateWritable: boolean;
  /**
   * Where the certificate is not writable: true, `$metadata` annotates it `Core.Computed` and a write of it is ignored
   * (as OData does with computed properties); false, `$metadata` does not tell, and a write is refused with CM_APS_CS/008
   * (code invented) — a client only learns it by trying.
   */
  signingCertificateShownReadOnly: boolean;
  /**
   * [3rd-verified] s4hana-comm-management: an OAuth 2.0 inbound user created through the API gets an internal `CC…`
   * client ID (the communication user's ID); false: the client ID is the user's name, as in Fiori (6e5e004).
   */
  clientIdIsInternalId: boolean;
  /** [3rd-verified]: `PATCH InboundUsers(<uuid>)` with `OAuth2ClientID` renames the client; false: the field is read-only. */
  clientIdChangeable: boolean;
  /** Whether PATCH needs `If-Match` (428 without it, 412 when stale); `$metadata` then names an optimistic-concurrency control. */
  patchRequiresIfMatch: boolean;
  /**
   * [3rd] C.5 (CM_APS_CA/027): SAP_COM_0501 has an outbound part (push of task updates); on a system that is not
   * inbound-only the arrangement then needs an outbound user. False: the inbound user is enough on any system.
   */
  arrangementOutboundNeedsInboundOnlySystem: boolean;
  /**
   * E.12: the token endpoint's error texts are not public. True: descriptive texts (the sandbox's own wording); false:
   * only the RFC 6749 error code and a generic description, so a client must read SAP's objects to name a cause.
   */
  tokenErrorsDescribed: boolean;
  /** D.10: failed Basic logons after which a communication user is locked (SAP-docs 0377ade says three). */
  lockAfterFailedLogons: number;
}

/** Every switch the easy way for a client. */
export const LENIENT: SandboxProfile = {
  signingCertificateWritable: true,
  signingCertificateShownReadOnly: true,
  clientIdIsInternalId: false,
  clientIdChangeable: true,
  patchRequiresIfMatch: false,
  arrangementOutboundNeedsInboundOnlySystem: false,
  tokenErrorsDescribed: true,
  lockAfterFailedLogons: 5,
};

/** Every switch the hard way: what a careful client must survive on a tenant nobody has read yet. */
export const STRICT: SandboxProfile = {
  signingCertificateWritable: false,
  signingCertificateShownReadOnly: false,
  clientIdIsInternalId: true,
  clientIdChangeable: false,
  patchRequiresIfMatch: true,
  arrangementOutboundNeedsInboundOnlySystem: true,
  tokenErrorsDescribed: false,
  lockAfterFailedLogons: 1,
};

/** Each switch as its best source reads (the default). */
export const EVIDENCE: SandboxProfile = {
  signingCertificateWritable: true, // unconfirmed (D.33); true so the automated path can be shown, STRICT covers false
  signingCertificateShownReadOnly: true, // a RAP service would annotate a read-only field; STRICT covers the silent case
  clientIdIsInternalId: true, // [3rd-verified]
  clientIdChangeable: true, // [3rd-verified]
  patchRequiresIfMatch: false,
  arrangementOutboundNeedsInboundOnlySystem: false,
  tokenErrorsDescribed: true,
  lockAfterFailedLogons: 3, // SAP-docs 0377ade
};

export const PROFILES = { lenient: LENIENT, strict: STRICT, evidence: EVIDENCE } as const;
export type ProfileName = keyof typeof PROFILES;

/** The boolean switches, for tests that run every combination (or a pairwise set of them). */
export const BOOLEAN_SWITCHES = (Object.keys(LENIENT) as (keyof SandboxProfile)[]).filter(
  (k): k is { [K in keyof SandboxProfile]: SandboxProfile[K] extends boolean ? K : never }[keyof SandboxProfile] => typeof LENIENT[k] === 'boolean',
);

/** Checks a profile patch field by field; answers the problems, or none. */
export function profileProblems(patch: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in LENIENT)) problems.push(`${key} is not a profile switch; known: ${Object.keys(LENIENT).join(', ')}`);
    else if (key === 'lockAfterFailedLogons' ? !(Number.isInteger(value) && (value as number) >= 1) : typeof value !== 'boolean') {
      problems.push(key === 'lockAfterFailedLogons' ? `${key} must be an integer ≥ 1` : `${key} must be true or false`);
    }
  }
  return problems;
}

/** `strict`, `lenient`, `evidence`, or JSON (a partial profile over EVIDENCE, or `{ "base": "strict", … }`). */
export function parseProfile(value: string | undefined): SandboxProfile {
  const text = value?.trim() ?? '';
  if (!text) return { ...EVIDENCE };
  if (text in PROFILES) return { ...PROFILES[text as ProfileName] };
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error(`SANDBOX_PROFILE must be one of ${Object.keys(PROFILES).join(', ')} or a JSON object of switches`);
  }
  const { base, ...switches } = parsed;
  if (base !== undefined && !(typeof base === 'string' && base in PROFILES)) throw new Error(`SANDBOX_PROFILE base must be one of ${Object.keys(PROFILES).join(', ')}`);
  const problems = profileProblems(switches);
  if (problems.length) throw new Error(`SANDBOX_PROFILE: ${problems.join('; ')}`);
  return { ...PROFILES[(base as ProfileName | undefined) ?? 'evidence'], ...(switches as Partial<SandboxProfile>) };
}
