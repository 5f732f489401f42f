import type { EnteredValueKey, ValueKey } from './values.js';

/** Where a step is carried out: the BTP cockpit or one of the three S/4HANA Cloud Fiori apps. */
export const SAP_APPS = ['btpCockpit', 'communicationUsers', 'communicationSystems', 'communicationArrangements'] as const;
export type SapApp = (typeof SAP_APPS)[number];

export const SAP_APP_TITLES: Record<SapApp, string> = {
  btpCockpit: 'SAP BTP cockpit',
  communicationUsers: 'Maintain Communication Users',
  communicationSystems: 'Communication Systems',
  communicationArrangements: 'Communication Arrangements',
};

export interface StepInput {
  key: EnteredValueKey;
  required: boolean;
}

export interface StepDefinition {
  /** Numbered as in the seed procedure (1–10, 12–19); 20 is the Task Center destination. */
  id: number;
  app: SapApp;
  title: string;
  instructions: string;
  /** The trust certificate file, uploaded in the app; only step 1 has it. */
  uploadsCertificate?: boolean;
  /** Offers the trust certificate for download (step 8). */
  offersCertificateDownload?: boolean;
  /** Offers a generated password for the communication user, to paste into SAP and keep as a credential (step 3). */
  offersGeneratedPassword?: boolean;
  /** Lists the destination properties with the values gathered so far (step 20). */
  listsDestination?: boolean;
  inputs: readonly StepInput[];
  /** Values this step produces, entered or derived. */
  outputs: readonly ValueKey[];
  /** Values the admin pastes into SAP at this step, each with a copy button. */
  copyValues: readonly ValueKey[];
  dependsOn: readonly number[];
}

/**
 * The seed procedure (../shared/reference/seed-procedure.md, from SAP-samples/btp-task-center-integration
 * S4CommSystem.md and UpdateS4CDestination.md) as data. The seed has no step 11; its numbering is kept so admins
 * can follow SAP's document side by side.
 */
export const STEP_CATALOGUE: readonly StepDefinition[] = [
  {
    id: 1,
    app: 'btpCockpit',
    title: 'Download the trust certificate',
    instructions:
      'In the BTP subaccount, open Connectivity > Destinations (newer cockpits: Destination Trust) and choose Download Trust (Export). Upload the downloaded .pem file here: the issuer and fingerprint are read from it.',
    uploadsCertificate: true,
    inputs: [],
    outputs: ['trustCertificate', 'certificateSubject', 'samlIssuer', 'certificateFingerprint', 'certificateNotAfter'],
    copyValues: [],
    dependsOn: [],
  },
  {
    id: 2,
    app: 'communicationUsers',
    title: 'Open Maintain Communication Users',
    instructions: 'Sign in to the S/4HANA Cloud system and open the app Maintain Communication Users.',
    inputs: [],
    outputs: [],
    copyValues: ['s4UiHost'],
    dependsOn: [],
  },
  {
    id: 3,
    app: 'communicationUsers',
    title: 'Create the communication user',
    offersGeneratedPassword: true,
    instructions:
      'Choose New and enter a user name, a description and a password (at least 20 characters with a special character, no comma). Choose Create, then record the user name and description here. The password stays with you: it is not stored in this step.',
    inputs: [
      { key: 'communicationUserName', required: true },
      { key: 'communicationUserDescription', required: true },
    ],
    outputs: ['communicationUserName', 'communicationUserDescription'],
    copyValues: [],
    dependsOn: [2],
  },
  {
    id: 4,
    app: 'communicationSystems',
    title: 'Open Communication Systems',
    instructions: 'Open the app Communication Systems in the same S/4HANA Cloud system.',
    inputs: [],
    outputs: [],
    copyValues: [],
    dependsOn: [],
  },
  {
    id: 5,
    app: 'communicationSystems',
    title: 'Create the communication system',
    instructions: 'Choose New, enter a System ID and a System Name, and choose Create. Record both here.',
    inputs: [
      { key: 'systemId', required: true },
      { key: 'systemName', required: true },
    ],
    outputs: ['systemId', 'systemName'],
    copyValues: [],
    dependsOn: [4],
  },
  {
    id: 6,
    app: 'communicationSystems',
    title: 'Enter the host name',
    // Inbound Only: Task Center pulls tasks; without it SAP_COM_0501 may ask for an outbound user (CM_APS_CA/027, sap-field-facts.md row 6).
    instructions: "Enter the S/4HANA Cloud system's own host name as Host Name, and select Inbound Only: Task Center pulls tasks, so the system needs no user for outbound communication.",
    inputs: [],
    outputs: [],
    copyValues: ['s4UiHost'],
    dependsOn: [5],
  },
  {
    id: 7,
    app: 'communicationSystems',
    title: 'Enable the OAuth 2.0 identity provider',
    instructions: 'Set the toggle OAuth 2.0 Identity Provider to ON.',
    inputs: [],
    outputs: [],
    copyValues: [],
    dependsOn: [6],
  },
  {
    id: 8,
    app: 'communicationSystems',
    title: 'Upload the signing certificate',
    instructions: 'Choose Upload Signing Certificate and upload the trust certificate from step 1.',
    offersCertificateDownload: true,
    inputs: [],
    outputs: [],
    copyValues: [],
    dependsOn: [1, 7],
  },
  {
    id: 9,
    app: 'communicationSystems',
    title: 'Set the SAML issuer and user mapping',
    instructions:
      'Paste the certificate CN into OAuth 2.0 SAML Issuer, and set User ID Mapping Mode to User UUID.',
    inputs: [],
    outputs: [],
    copyValues: ['samlIssuer', 'userIdMappingMode'],
    dependsOn: [8],
  },
  {
    id: 10,
    app: 'communicationSystems',
    title: 'Add a user for inbound communication',
    instructions: 'Under Users for Inbound Communication, choose + (Add).',
    inputs: [],
    outputs: [],
    copyValues: [],
    dependsOn: [9],
  },
  {
    id: 12,
    app: 'communicationSystems',
    title: 'Select the communication user',
    instructions: 'Select the communication user created in step 3 and choose OK.',
    inputs: [],
    outputs: [],
    copyValues: ['communicationUserName'],
    dependsOn: [3, 10],
  },
  {
    id: 13,
    app: 'communicationSystems',
    title: 'Save the communication system',
    instructions: 'Save the communication system.',
    inputs: [],
    outputs: [],
    copyValues: [],
    dependsOn: [12],
  },
  {
    id: 14,
    app: 'communicationArrangements',
    title: 'Open Communication Arrangements',
    instructions: 'Open the app Communication Arrangements.',
    inputs: [],
    outputs: [],
    copyValues: [],
    dependsOn: [],
  },
  {
    id: 15,
    app: 'communicationArrangements',
    title: 'Start a new arrangement',
    instructions: 'Choose New and open the value help of the communication scenario.',
    inputs: [],
    outputs: [],
    copyValues: [],
    dependsOn: [14],
  },
  {
    id: 16,
    app: 'communicationArrangements',
    title: 'Select scenario SAP_COM_0501',
    instructions: 'Search for SAP_COM_0501, the scenario for SAP Task Center integration, and select it.',
    inputs: [],
    outputs: ['communicationScenario'],
    copyValues: ['communicationScenario'],
    dependsOn: [15],
  },
  {
    id: 17,
    app: 'communicationArrangements',
    title: 'Name the arrangement',
    instructions: 'Enter an Arrangement Name and choose Create. Record the name here.',
    inputs: [{ key: 'arrangementName', required: true }],
    outputs: ['arrangementName'],
    copyValues: [],
    dependsOn: [16],
  },
  {
    id: 18,
    app: 'communicationArrangements',
    title: 'Select the communication system',
    instructions:
      'Select the communication system from step 5 in the value help. The inbound user name fills in by itself; check that the authentication method is OAuth 2.0, then save the arrangement.',
    inputs: [],
    outputs: ['authenticationMethod'],
    copyValues: ['systemId', 'authenticationMethod'],
    dependsOn: [13, 17],
  },
  {
    id: 19,
    app: 'communicationArrangements',
    title: 'Read the OAuth 2.0 details',
    instructions:
      'Choose OAuth 2.0 Details and paste Client ID, Token Service URL and SAML2 Audience here. Each is checked against what this S/4HANA system must show.',
    inputs: [
      { key: 'clientId', required: true },
      { key: 'tokenServiceUrl', required: true },
      { key: 'samlAudience', required: true },
    ],
    outputs: ['clientId', 'tokenServiceUrl', 'samlAudience'],
    copyValues: [],
    dependsOn: [18],
  },
  {
    id: 20,
    app: 'btpCockpit',
    title: 'Create the Task Center destination',
    instructions:
      'In the BTP subaccount, open Connectivity > Destinations, choose Create Destination and enter each property below, including the additional properties. Token Service Password is the communication user password from step 3.',
    listsDestination: true,
    inputs: [{ key: 'destinationName', required: true }],
    outputs: ['destinationName'],
    copyValues: [],
    dependsOn: [1, 19],
  },
];

export type StepId = (typeof STEP_CATALOGUE)[number]['id'];

export const STEP_IDS: readonly number[] = STEP_CATALOGUE.map((step) => step.id);

export function findStep(id: number): StepDefinition | undefined {
  return STEP_CATALOGUE.find((step) => step.id === id);
}
