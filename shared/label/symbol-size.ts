// Symbol sizes the layout fixes in advance (Data Matrix ECC 200 square sizes, QR versions), so
// the printer and the preview draw the same size and the layout knows the footprint before printing.

/** Data codewords of the square ECC 200 sizes, by side in modules. */
const DM_SQUARE: readonly (readonly [number, number])[] = [
  [10, 3], [12, 5], [14, 8], [16, 12], [18, 18], [20, 22], [22, 30], [24, 36], [26, 44], [32, 62], [36, 86], [40, 114],
  [44, 144], [48, 174], [52, 204], [64, 280], [72, 368], [80, 456], [88, 576], [96, 696], [104, 816], [120, 1050], [132, 1304], [144, 1558],
];

/**
 * ASCII-encodation codeword count: digit pairs take one, other ASCII one, FNC1 one. Printers and
 * bwip-js may pack tighter (C40, …), never looser, so a size chosen from this count always holds.
 */
export function dataMatrixCodewords(units: readonly (string | { readonly fnc1: true })[]): number {
  let n = 0;
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    const next = units[i + 1];
    if (typeof u === 'string' && /\d/.test(u) && typeof next === 'string' && /\d/.test(next)) i++;
    else if (typeof u === 'string' && u.charCodeAt(0) > 127) n++; // upper shift
    n++;
  }
  return n;
}

/** Smallest square size (modules per side) that holds the codewords, or undefined when none does. */
export function dataMatrixSize(codewords: number): number | undefined {
  return DM_SQUARE.find(([, cap]) => cap >= codewords)?.[0];
}

/** Byte-mode capacity of QR versions 1–20 per error-correction level. */
const QR_BYTES: Readonly<Record<'L' | 'M' | 'Q' | 'H', readonly number[]>> = {
  L: [17, 32, 53, 78, 106, 134, 154, 192, 230, 271, 321, 367, 425, 458, 520, 586, 644, 718, 792, 858],
  M: [14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666],
  Q: [11, 20, 32, 46, 60, 74, 86, 108, 130, 151, 177, 203, 241, 258, 292, 322, 364, 394, 442, 482],
  H: [7, 14, 24, 34, 44, 58, 64, 84, 98, 119, 137, 155, 177, 194, 220, 250, 280, 310, 338, 382],
};

/** Smallest QR version holding `bytes` in byte mode, or undefined beyond version 20. */
export function qrVersion(bytes: number, ecc: 'L' | 'M' | 'Q' | 'H'): number | undefined {
  const i = QR_BYTES[ecc].findIndex((cap) => cap >= bytes);
  return i < 0 ? undefined : i + 1;
}

export const qrModules = (version: number): number => 17 + 4 * version;
