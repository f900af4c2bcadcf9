// PIN hashing with scrypt (memory-hard, in Node's crypto): the parameters travel inside the
// hash string, so stronger settings later still verify old hashes.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (pin: string, salt: Buffer, keylen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(pin, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));

/** N=2^15, r=8: 32 MiB per hash, ~0.1 s here — slow for a guesser, fine at a login. */
export const DEFAULT_KDF = { N: 1 << 15, r: 8, p: 1 } as const;

export async function hashPin(pin: string, kdf: { N: number; r: number; p: number } = DEFAULT_KDF): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(pin, salt, 32, { ...kdf, maxmem: 256 * kdf.N * kdf.r });
  return `scrypt$${kdf.N}$${kdf.r}$${kdf.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  const key = await scrypt(pin, salt, expected.length, { N, r, p, maxmem: 256 * N * r });
  return timingSafeEqual(key, expected);
}
