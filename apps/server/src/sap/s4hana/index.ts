/** The S/4HANA Cloud adapter (style.md habit 9): raw client, operations, one error mapping. Steps and routes import from here. */
export { COMMUNICATION_SERVICES, createCommunicationApi, type CommunicationApi, type CommunicationService, type RawAnswer } from './communication-api.js';
export { entitySetsAndProperties, writeRestrictions } from './edmx.js';
export { S4Error, toS4Error, type S4ErrorContext } from './errors.js';
export { createS4Service, createTaskReplicationProbe, type S4Service, type S4ServiceDeps, type SystemPatch } from './s4-service.js';
export type * from './s4-types.js';
export { isSamlBearerClient } from './s4-types.js';
