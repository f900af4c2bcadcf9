// The board names reject reasons in the reader's language: a verdict's reason code by the
// shared table the shift report prints from, the board's own keys from its locale (no
// fallback language, so a key missing in Spanish shows as its code, not as English).
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { INTEGRITY_PROBLEMS } from '../../../shared/sync/protocol';
import { DEVIATION_RULES } from '../../../shared/sync/rules';
import boardEn from '../i18n/locales/board.en.json';
import boardEs from '../i18n/locales/board.es.json';
import { reasonLabel } from './format';

beforeAll(async () => {
  await i18next.init({ resources: { en: { translation: boardEn }, es: { translation: boardEs } }, lng: 'en', fallbackLng: false, interpolation: { escapeValue: false } });
});

describe('reasonLabel', () => {
  it.each([
    ['en', 'wrong_item', 'Wrong item'],
    // The board's own table had these under other keys ("msl_floor_life", "fifo"): they showed as codes.
    ['es', 'msl_floor_life_exceeded', 'Vida en planta MSL superada'],
    ['en', 'fifo_older_lot', 'Older lot to use first (FIFO)'],
    ['es', 'paste_open_time_exceeded', 'Tiempo abierta de la pasta superado'],
    ['es', 'unspecified', 'Sin especificar'],
    // An override's title lists the codes it signed away.
    ['en', 'wrong_item, lot_expired', 'Wrong item, Lot expired'],
    ['es', 'hash_conflict', 'Integridad: registro en conflicto'],
    ['en', 'consumed_after_hold', 'Used after a central hold'],
    ['es', 'a_newer_code', 'a_newer_code'],
  ] as const)('%s: %s reads %j', (lng, key, label) => {
    expect(reasonLabel(i18next.getFixedT(lng), lng, key)).toBe(label);
  });

  // The board's own exception titles: a deviation's rule and an integrity alarm's problem.
  it.each(['en', 'es'].flatMap((lng) => [...DEVIATION_RULES, ...INTEGRITY_PROBLEMS].map((key) => [lng, key] as const)))('%s: the exception title %s has a name', (lng, key) => {
    expect(reasonLabel(i18next.getFixedT(lng), lng, key)).not.toBe(key);
  });
});
