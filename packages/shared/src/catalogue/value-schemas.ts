import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { SAP_NAMING_RULES as R } from '../sap/naming-rules.js';
import type { EnteredValueKey } from './values.js';

const trimmed = z.string().trim();

function sapName(label: string, rule: { pattern: RegExp; maxLength: number; hint: string }) {
  return trimmed
    .min(1, `Enter the ${label}.`)
    .max(rule.maxLength, `The ${label} has at most ${rule.maxLength} characters.`)
    .regex(rule.pattern, `SAP does not accept this ${label}. ${rule.hint}`);
}

function text(label: string, max: number) {
  return trimmed.min(1, `Enter the ${label}.`).max(max, `The ${label} has at most ${max} characters.`);
}

const httpsUrl = (label: string) =>
  trimmed
    .min(1, `Enter the ${label}.`)
    .max(LIMITS.stepValueMax)
    .regex(/^https:\/\/\S+$/, `The ${label} starts with https:// — paste it exactly as S/4HANA shows it.`);

/** Format checks for every value the admin types in. Cross-checks (e.g. against the host) happen on the server. */
export const ENTERED_VALUE_SCHEMAS = {
  communicationUserName: sapName('communication user name', R.communicationUserName),
  communicationUserDescription: text('description', R.communicationUserDescription.maxLength),
  systemId: sapName('System ID', R.systemId),
  systemName: text('System Name', R.systemName.maxLength),
  arrangementName: sapName('Arrangement Name', R.arrangementName),
  clientId: text('Client ID', LIMITS.stepValueMax).regex(/^\S+$/, 'The Client ID has no spaces — paste it exactly as S/4HANA shows it.'),
  tokenServiceUrl: httpsUrl('Token Service URL'),
  samlAudience: httpsUrl('SAML2 Audience'),
  destinationName: sapName('destination name', R.destinationName),
} satisfies Record<EnteredValueKey, z.ZodType<string>>;
