/** The BTP adapter: the only code that speaks HTTP to the subaccount's XSUAA and Destination service. */
export { createBtpService, type BtpService, type BtpServiceDeps, type DestinationLookup } from './btp-service.js';
export { BtpError, RotationOutcomeUnknownError, toBtpError } from './errors.js';
export type { Destination } from './destination-api.js';
