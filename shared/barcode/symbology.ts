// ISO/IEC 15424 symbology identifiers (`]C1`, `]d2`…) that scanners prepend when configured to:
// they say which barcode was read and whether it carries GS1 AI data.
import type { Symbology } from './result';
import { problemOf, type ScanProblem } from './scan-messages';

interface Family {
  readonly name: string;
  /** Modifier → is GS1 data. A modifier not listed is a broken identifier. */
  readonly modifiers: Readonly<Record<string, boolean>>;
}

const FAMILIES: Readonly<Record<string, Family>> = {
  C: { name: 'Code 128', modifiers: { '0': false, '1': true, '2': false, '4': false } },
  d: { name: 'Data Matrix', modifiers: { '0': false, '1': false, '2': true, '3': false, '4': false, '5': true, '6': false } },
  Q: { name: 'QR Code', modifiers: { '0': false, '1': false, '2': false, '3': true, '4': true, '5': false, '6': false } },
  e: { name: 'GS1 DataBar', modifiers: { '0': true } },
  J: { name: 'DotCode', modifiers: { '0': false, '1': true, '2': false, '3': false } },
  E: { name: 'EAN/UPC', modifiers: { '0': true, '1': false, '2': false, '3': true, '4': true } },
  I: { name: 'ITF', modifiers: { '0': false, '1': true } },
  A: { name: 'Code 39', modifiers: { '0': false, '1': false, '2': false, '3': false, '4': false, '5': false, '7': false } },
  z: { name: 'Aztec', modifiers: { '0': false, '1': true, '2': false, '3': false, '4': false, '5': false, '6': false } },
  L: { name: 'PDF417', modifiers: { '0': false, '1': false, '2': false } },
};

const GS1_NAMES: Readonly<Record<string, string>> = {
  ']C1': 'GS1-128',
  ']d2': 'GS1 DataMatrix',
  ']d5': 'GS1 DataMatrix (ECI)',
  ']Q3': 'GS1 QR Code',
  ']Q4': 'GS1 QR Code (ECI)',
  ']e0': 'GS1 DataBar',
  ']J1': 'GS1 DotCode',
  ']E0': 'EAN-13 / UPC-A',
  ']E3': 'EAN/UPC with add-on',
  ']E4': 'EAN-8',
  ']I1': 'ITF with check digit',
  ']z1': 'GS1 Aztec',
};

export type SymbologyRead =
  | { readonly kind: 'none' }
  | { readonly kind: 'ok'; readonly symbology: Symbology; readonly length: 3 }
  | { readonly kind: 'bad'; readonly problem: ScanProblem };

export function readSymbologyId(text: string): SymbologyRead {
  if (text[0] !== ']') return { kind: 'none' };
  const id = text.slice(0, 3);
  const letter = text[1];
  const modifier = text[2];
  if (letter === undefined || modifier === undefined || !/^[A-Za-z]$/.test(letter) || !/^[0-9A-Za-z]$/.test(modifier)) {
    return { kind: 'bad', problem: problemOf('symbology_id_malformed', { id }) };
  }
  const family = FAMILIES[letter];
  if (!family) return { kind: 'ok', symbology: { id, name: `symbology ${letter}`, gs1: false }, length: 3 };
  const gs1 = family.modifiers[modifier];
  if (gs1 === undefined) return { kind: 'bad', problem: problemOf('symbology_id_invalid', { id, family: family.name }) };
  return { kind: 'ok', symbology: { id, name: GS1_NAMES[id] ?? family.name, gs1 }, length: 3 };
}
