// Bake profiles for moisture-sensitive parts, IPC/JEDEC J-STD-033 table 4-1 (reference
// conditions for drying mounted or unmounted SMD packages, floor life exceeded by more than
// 72 h — the conservative column, because the station does not know by how much the operator
// is late). After such a bake the floor life starts again from zero.
import type { MslLevel } from './msl';

const D = 24;

export const BAKE_TEMPERATURES_C = [125, 90, 40] as const;
export type BakeTemperatureC = (typeof BAKE_TEMPERATURES_C)[number];

/** Package body thickness classes of the table (mm, upper bound). */
export const BAKE_THICKNESS_MM = [1.4, 2.0, 4.5] as const;
export type BakeThicknessMm = (typeof BAKE_THICKNESS_MM)[number];

type Row = Readonly<Record<BakeTemperatureC, number>>;
type Bakeable = Exclude<MslLevel, '1' | '6'>;

/** Hours at 125 °C, 90 °C (≤ 5 % RH) and 40 °C (≤ 5 % RH). */
const TABLE_4_1: Readonly<Record<BakeThicknessMm, Readonly<Record<Bakeable, Row>>>> = {
  1.4: {
    '2': { 125: 5, 90: 17, 40: 8 * D },
    '2a': { 125: 7, 90: 23, 40: 9 * D },
    '3': { 125: 9, 90: 33, 40: 13 * D },
    '4': { 125: 11, 90: 37, 40: 15 * D },
    '5': { 125: 12, 90: 41, 40: 17 * D },
    '5a': { 125: 16, 90: 54, 40: 22 * D },
  },
  2.0: {
    '2': { 125: 18, 90: 63, 40: 25 * D },
    '2a': { 125: 21, 90: 3 * D, 40: 29 * D },
    '3': { 125: 27, 90: 4 * D, 40: 37 * D },
    '4': { 125: 34, 90: 5 * D, 40: 47 * D },
    '5': { 125: 40, 90: 6 * D, 40: 57 * D },
    '5a': { 125: 48, 90: 8 * D, 40: 79 * D },
  },
  4.5: {
    '2': { 125: 48, 90: 10 * D, 40: 79 * D },
    '2a': { 125: 48, 90: 10 * D, 40: 79 * D },
    '3': { 125: 48, 90: 10 * D, 40: 79 * D },
    '4': { 125: 48, 90: 10 * D, 40: 79 * D },
    '5': { 125: 48, 90: 10 * D, 40: 79 * D },
    '5a': { 125: 48, 90: 10 * D, 40: 79 * D },
  },
};

export type BakeProfile =
  /** From the table: the duration follows from level, thickness and temperature. */
  | { readonly kind: 'table'; readonly temperatureC: BakeTemperatureC; readonly thicknessMm: BakeThicknessMm; readonly durationH: number }
  /** MSL 6: bake as the moisture-sensitive caution label says; the station has no table for it. */
  | { readonly kind: 'label' }
  /** MSL 1: unlimited floor life, nothing to bake. */
  | { readonly kind: 'none' };

export function bakeProfile(level: MslLevel, thicknessMm: BakeThicknessMm, temperatureC: BakeTemperatureC): BakeProfile {
  if (level === '1') return { kind: 'none' };
  if (level === '6') return { kind: 'label' };
  return { kind: 'table', temperatureC, thicknessMm, durationH: TABLE_4_1[thicknessMm][level][temperatureC] };
}

/** Every table profile for a level, hottest (shortest) first, as the bake form offers them. */
export function bakeProfiles(level: MslLevel): readonly Extract<BakeProfile, { kind: 'table' }>[] {
  const out: Extract<BakeProfile, { kind: 'table' }>[] = [];
  for (const thicknessMm of BAKE_THICKNESS_MM) {
    for (const temperatureC of BAKE_TEMPERATURES_C) {
      const p = bakeProfile(level, thicknessMm, temperatureC);
      if (p.kind === 'table') out.push(p);
    }
  }
  return out;
}
