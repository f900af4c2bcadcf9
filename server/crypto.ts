// Hashes and secrets: sha256 for 256-bit random tokens (nothing to guess, so no slow KDF),
// scrypt for human-chosen passwords and PINs (same `scrypt$N$r$p$salt$key` format as the station).
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

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

const scrypt = (secret: string, salt: Buffer, keylen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(secret, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));

export const DEFAULT_KDF = { N: 1 << 15, r: 8, p: 1 } as const;

export async function hashSecret(secret: string, kdf: { N: number; r: number; p: number } = DEFAULT_KDF): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(secret, salt, 32, { ...kdf, maxmem: 256 * kdf.N * kdf.r });
  return `scrypt$${kdf.N}$${kdf.r}$${kdf.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return false;
  const expected = Buffer.from(parts[5]!, 'base64');
  const key = await scrypt(secret, Buffer.from(parts[4]!, 'base64'), expected.length, { N, r, p, maxmem: 256 * N * r });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash that never verifies, checked anyway for unknown users so timing does not reveal who exists. */
export const DUMMY_HASH = `scrypt$${DEFAULT_KDF.N}$${DEFAULT_KDF.r}$${DEFAULT_KDF.p}$${'A'.repeat(22)}==$${'A'.repeat(43)}=`;
