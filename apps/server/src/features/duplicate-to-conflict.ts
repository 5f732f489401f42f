import { ERROR_CODES } from '@tcc/shared';
import { ConflictError } from '../http/errors.js';
import { DuplicateError } from '../store/types.js';

const DUPLICATE_MESSAGES: Record<DuplicateError['constraint'], string> = {
  'tenant-name': 'A tenant with this name exists already. Choose another name.',
  'connection-name': 'This tenant has a connection with this name already. Choose another name.',
  'connection-pair':
    'This tenant already connects this subaccount to this S/4HANA system and client. Task Center duplicates tasks when two destinations point at the same system: open the existing connection instead.',
};

/** A unique constraint of the store becomes a 409 that says what is duplicated. */
export function duplicateToConflict(error: unknown): never {
  if (error instanceof DuplicateError) throw new ConflictError(ERROR_CODES.conflict, DUPLICATE_MESSAGES[error.constraint]);
  throw error;
}
