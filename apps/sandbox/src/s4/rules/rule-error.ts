import { UNCERTAIN } from '../../uncertain.js';

/** A refused business rule of S/4's communication management, with the HTTP status and SAP-style message code to answer. */
export class S4RuleError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly target?: string,
  ) {
    super(message);
    this.name = 'S4RuleError';
  }
}

export const E = UNCERTAIN.communicationManagementErrors;
export const invalid = (code: string, message: string, target?: string) => new S4RuleError(400, code, message, target);
export const duplicate = (code: string, message: string, target: string) => new S4RuleError(UNCERTAIN.communicationManagementDuplicateStatus, code, message, target);
export const notFound = (code: string, message: string) => new S4RuleError(404, code, message);

export function oneOf(value: string, allowed: readonly string[], field: string, code: string): void {
  if (!allowed.includes(value)) throw invalid(code, `Value '${value}' is not allowed for ${field}; allowed: ${allowed.join(', ')}`, field);
}
