// Check characters used on floor labels: GS1 mod-10 (GTIN, SSCC, GLN, GSRN…), HIBC mod-43, IBAN mod-97.

/** GS1 mod-10 check digit for the digits before it (weights 3,1,3… from the right). */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = body.length - 1, w = 3; i >= 0; i--, w = 4 - w) sum += (body.charCodeAt(i) - 48) * w;
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of an all-digit string is its GS1 check digit. */
export function hasValidGs1CheckDigit(digits: string): boolean {
  if (digits.length < 2 || !/^\d+$/.test(digits)) return false;
  return gs1CheckDigit(digits.slice(0, -1)) === digits.charCodeAt(digits.length - 1) - 48;
}

/** Code 39 character values that HIBC's mod-43 check sums. */
export const MOD43_CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%';

/** HIBC mod-43 check character, or undefined when the data holds a character outside Code 39. */
export function mod43CheckChar(data: string): string | undefined {
  let sum = 0;
  for (const ch of data) {
    const v = MOD43_CHARSET.indexOf(ch);
    if (v < 0) return undefined;
    sum += v;
  }
  return MOD43_CHARSET[sum % 43];
}

/** ISO 13616 IBAN check (mod 97 of the rearranged, letter-expanded number equals 1). */
export function isValidIban(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : ch;
    for (const d of digits) rest = (rest * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return rest === 1;
}
