/**
 * S/4's rules for communication users, systems, inbound users and arrangements (sap-apis.md D, NOTES.md section 2), as pure
 * operations on the S/4 state. The OData layer only translates HTTP to these calls, so the rules are stated once.
 * Error codes come from UNCERTAIN.communicationManagementErrors: all but CM_APS_CS/026 are invented.
 */
export { S4RuleError } from './rules/rule-error.js';
export { createCommunicationUser, updateCommunicationUser } from './rules/communication-users.js';
export { createCommunicationSystem, deleteCommunicationSystem, updateCommunicationSystem } from './rules/communication-systems.js';
export { createInboundUser, deleteInboundUser, isSamlBearerClient, updateInboundUser } from './rules/inbound-users.js';
export { createArrangement, deleteArrangement, updateArrangementInboundUser } from './rules/arrangements.js';
