import { z } from 'zod';
import { CERTIFICATE_BASE64_MAX, LIMITS } from '../limits.js';
import { IsoDateTimeSchema, VersionSchema } from './common.js';

export const UploadCertificateSchema = z.object({
  fileName: z.string().trim().min(1, 'The file has no name.').max(LIMITS.fileNameMax),
  /** The file's bytes in base64 (a browser data: URL prefix is accepted). */
  contentBase64: z
    .string()
    .min(1, 'The file is empty. Download the trust certificate again from the BTP cockpit.')
    .max(
      CERTIFICATE_BASE64_MAX,
      `The file is far larger than ${LIMITS.certificateMaxBytes / 1024} KiB. A BTP trust certificate is about 1 KiB: download it again with Download Trust.`,
    ),
  version: VersionSchema,
});
export type UploadCertificate = z.infer<typeof UploadCertificateSchema>;

export const CERTIFICATE_WARNING_CODES = [
  'EXPIRED',
  'NOT_YET_VALID',
  'EXPIRES_SOON',
  'CN_NOT_TRUST_FORMAT',
  'CN_OTHER_SUBACCOUNT',
  'CN_OTHER_LANDSCAPE',
] as const;

export const CertificateWarningSchema = z.object({
  code: z.enum(CERTIFICATE_WARNING_CODES),
  message: z.string(),
});
export type CertificateWarning = z.infer<typeof CertificateWarningSchema>;

export const CertificateAnalysisSchema = z.object({
  fileName: z.string(),
  subject: z.string(),
  /** The value to paste as "OAuth 2.0 SAML Issuer" (seed step 9). */
  cn: z.string(),
  issuer: z.string(),
  fingerprintSha256: z.string(),
  serialNumber: z.string(),
  notBefore: IsoDateTimeSchema,
  notAfter: IsoDateTimeSchema,
  daysToExpiry: z.number().int(),
  keyType: z.string(),
  keySize: z.number().int().nullable(),
  selfSigned: z.boolean(),
  warnings: z.array(CertificateWarningSchema),
  uploadedAt: IsoDateTimeSchema,
  uploadedBy: z.string(),
});
export type CertificateAnalysis = z.infer<typeof CertificateAnalysisSchema>;
