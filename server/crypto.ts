// Hashes and secrets: sha256 for 256-bit random tokens (nothing to guess, so no slow KDF),
// scrypt for human-chosen passwords and PINs (same `scrypt$N$r$p$salt$key` format as the station).
import { createHash, randomBytes } from 'node:crypto';

export { DEFAULT_KDF, DUMMY_HASH, hashSecret, verifySecret } from '../electron/node/scrypt';

export const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

/** 256 random bits, base64url, with a prefix naming what it is (so a leaked one is recognisable). */
export const randomToken = (prefix: string) => `${prefix}_${randomBytes(32).toString('base64url')}`;

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';
/** Enrollment code a person can type: 12 symbols of an unambiguous alphabet (~59 bits), grouped by 4. */
export function enrollmentCode(): string {
  const bytes = randomBytes(12);
  const s = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}`;
}
/** Codes are compared case- and dash-insensitively. */
export const normalizeCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');
