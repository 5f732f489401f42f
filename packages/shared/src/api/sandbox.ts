import { z } from 'zod';

/** Whether the built-in SAP sandbox runs beside this server, and where its stand-in for the SAP apps is. */
export const SandboxInfoSchema = z.object({
  enabled: z.boolean(),
  /** A page standing in for the BTP cockpit and the S/4 Fiori apps; null when the sandbox is off. */
  cockpitUrl: z.string().nullable(),
});
export type SandboxInfo = z.infer<typeof SandboxInfoSchema>;
