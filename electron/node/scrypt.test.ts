import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, hashSecret, verifySecret } from './scrypt';

const KDF = { N: 1024, r: 8, p: 1 };

describe('scrypt secrets', () => {
  it('verifies the secret it hashed and refuses another', async () => {
    const h = await hashSecret('1111', KDF);
    expect(h).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifySecret('1111', h)).toBe(true);
    expect(await verifySecret('1112', h)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashSecret('1111', KDF)).not.toBe(await hashSecret('1111', KDF));
  });

  it.each([
    ['another scheme', 'bcrypt$10$abc'],
    ['too few fields', 'scrypt$1024$8$1$c2FsdA=='],
    ['a zero cost', 'scrypt$0$8$1$c2FsdA==$a2V5'],
    ['a non-numeric cost', 'scrypt$x$8$1$c2FsdA==$a2V5'],
    ['the never-matching dummy', DUMMY_HASH],
  ])('refuses %s without throwing', async (_, stored) => {
    expect(await verifySecret('1111', stored)).toBe(false);
  });
});
