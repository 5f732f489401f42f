import { z } from 'zod';
import { IsoDateTimeSchema } from './common.js';

/**
 * "SAP facts for this tenant": what no public SAP source settles (sap-field-facts.md "What only a live tenant can
 * settle"), read from one tenant without changing anything, each either settled by evidence or still assumed.
 */
export const SAP_FACT_IDS = ['servicesOffered', 'signingCertificateWritable', 'signingCertificateNamesWritable', 'optimisticConcurrency', 'clientIdDerivation', 'clientIdChoice'] as const;
export type SapFactId = (typeof SAP_FACT_IDS)[number];

export const SapFactSchema = z.object({
  id: z.enum(SAP_FACT_IDS),
  question: z.string(),
  /** The answer the product works with. */
  answer: z.string(),
  /** settled: read from this tenant; assumed: not readable, the product's default (the run checks it as it goes). */
  status: z.enum(['settled', 'assumed']),
  /** What was read (or why nothing could be), in words support can check. */
  evidence: z.string(),
  /** What the product does because of the answer. */
  consequence: z.string(),
});
export type SapFact = z.infer<typeof SapFactSchema>;

export const TenantSapFactsSchema = z.object({
  readAt: IsoDateTimeSchema,
  s4ApiHost: z.string(),
  /** Problems that kept facts from being read (credentials, rights …); the facts are then assumed. */
  problems: z.array(z.string()),
  facts: z.array(SapFactSchema),
});
export type TenantSapFacts = z.infer<typeof TenantSapFactsSchema>;
