// Electronic signatures (21 CFR Part 11): what a signer gives, and the manifestation that is
// stored with the signed record and shown wherever the record is shown or printed.
import { z } from 'zod';

export const SIGNATURE_MEANINGS = ['approved', 'reviewed', 'performed', 'verified', 'overridden', 'rejected'] as const;
export const SignatureMeaningSchema = z.enum(SIGNATURE_MEANINGS);
export type SignatureMeaning = z.infer<typeof SignatureMeaningSchema>;

/**
 * What the signer enters. `badge` may be omitted only for a signature by the user who is
 * logged in, within their continuous session (11.200(a)(1)(i): after the first signing,
 * subsequent signings need at least one component).
 */
export const SignatureInputSchema = z.object({
  badge: z.string().trim().min(1).max(64).optional(),
  pin: z.string().min(4, 'a PIN has at least 4 digits').max(12).regex(/^\d+$/, 'a PIN is digits only'),
  meaning: SignatureMeaningSchema,
  reason: z.string().trim().min(1, 'say why you sign').max(500),
});
export type SignatureInput = z.infer<typeof SignatureInputSchema>;

/** Stored with the event; `recordHash` binds it to that record's content so it cannot be copied. */
export const SignatureSchema = z.object({
  signerId: z.string(),
  signerName: z.string(),
  meaning: SignatureMeaningSchema,
  reason: z.string(),
  signedAt: z.string(),
  components: z.enum(['badge+pin', 'pin']),
  recordHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Signature = z.infer<typeof SignatureSchema>;
