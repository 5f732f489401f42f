import { z } from 'zod';

/** Whether the built-in SAP sandbox runs beside this server, and where its stand-in for the SAP apps is. */
export const SandboxInfoSchema = z.object({
  enabled: z.boolean(),
  /** A page standing in for the BTP cockpit and the S/4 Fiori apps; null when the sandbox is off. */
  cockpitUrl: z.string().nullable(),
  /** The sandbox's subaccount and S/4 system, to fill a new connection labelled sandbox (no secrets); null when off. */
  system: z.object({ subaccountId: z.string(), landscapeDomain: z.string(), s4Host: z.string(), s4Client: z.string() }).nullable().default(null),
});
export type SandboxInfo = z.infer<typeof SandboxInfoSchema>;
