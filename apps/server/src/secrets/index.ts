/** Encryption of secrets at rest (AES-256-GCM) and keeping them out of logs; see docs/security/key-rotation.md. */
export { loadKeyring, SecretDecryptionError, type Keyring, type KeyringOptions } from './keyring.js';
export { rotateSecrets, type RotationResult, type SecretRow } from './rotate-secrets.js';
export { runSecretsRotation, type SecretStore, type RotationCliOptions } from './rotate-cli.js';
export { redactSecrets, SecretString } from './mask.js';
