// Hashing of human-chosen secrets (station PINs, central passwords) with scrypt — memory-hard,
// in Node's crypto. The parameters travel inside the hash string (`scrypt$N$r$p$salt$key`), so
// stronger settings later still verify old hashes. One copy for the station and the server.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface Kdf {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

const scrypt = (secret: string, salt: Buffer, keylen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(secret, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));

/** N=2^15, r=8: 32 MiB per hash, ~0.1 s here — slow for a guesser, fine at a login. */
export const DEFAULT_KDF: Kdf = { N: 1 << 15, r: 8, p: 1 };

export async function hashSecret(secret: string, kdf: Kdf = DEFAULT_KDF): Promise<string> {
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
