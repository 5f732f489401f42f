/** Named input limits. Server and web validate with the same numbers. */
export const LIMITS = {
  tenantNameMax: 80,
  connectionNameMax: 80,
  searchTextMax: 100,
  pageSizeMax: 100,
  pageSizeDefault: 25,
  /** A BTP trust certificate is ~1 KiB; anything near this bound is not one. */
  certificateMaxBytes: 64 * 1024,
  fileNameMax: 255,
  stepValueMax: 2048,
  stepNoteMax: 500,
  hostNameMax: 253,
  /** Days before expiry at which a trust certificate is shown as a warning. */
  certificateExpiryWarningDays: 30,
} as const;

/**
 * Transport bound for an upload's base64: room for files somewhat over the limit, so the server can answer with
 * the file's real size (413) rather than a bare schema error. The 64 KiB rule itself is checked on the decoded bytes.
 */
export const CERTIFICATE_BASE64_MAX = Math.ceil((LIMITS.certificateMaxBytes * 2) / 3) * 4;
