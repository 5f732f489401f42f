/** Seed step 8: "Upload Signing Certificate", the one step a tenant may keep from the API (sap-field-facts.md row 5). */
export const DEFAULT_TRUST_STEP = 8;
