// Every reason code and ACCEPT code has a sentence in every language: filled (no template
// placeholders or missing values), carrying its values, and really translated (a Spanish
// sentence identical to the English one is an untranslated entry).
import { describe, expect, it } from 'vitest';
import { REASON_SAMPLES } from './fixtures';
import { MESSAGE_LANGS } from './message-words';
import { ACCEPT_MESSAGES, acceptMessageFor, messageFor } from './messages';
import { ACCEPT_MESSAGES_ES, MESSAGES_ES } from './messages-es';
import { type AcceptCode, type AcceptNote, REASON_CODES } from './verdict';

const ACCEPT_SAMPLES: { readonly [C in AcceptCode]: Extract<AcceptNote, { code: C }>['params'] } = {
  use: { lotId: 'L-100005', itemId: 'MCU-RP2040', itemKind: 'component', slot: 'F03' },
  receive: { itemId: 'RES-10K-0603', supplierLot: 'DK2419A' },
  slot: { slot: 'F02', expected: ['CAP-100N-0402', 'CAP-100N-0402-ALT'] },
  splice: { slot: 'F02', oldLotId: 'L-100002', newLotId: 'L-100010' },
};
const ACCEPT_CODES = Object.keys(ACCEPT_SAMPLES) as AcceptCode[];

/** Params shown as words of the language (or context a sentence need not repeat). */
const NOT_LITERAL = new Set(['itemKind', 'status', 'clock', 'limit', 'scanned', 'anomaly', 'olderReceivedAt', 'workOrderId', 'revision', 'inFridge', 'itemId', 'overrideRole']);

function expectFilled(text: string, params: object, what: string) {
  expect(text, what).not.toMatch(/\{\{|\}\}|\$\{|undefined|NaN|null|\[object|Infinity/);
  expect(text, what).toMatch(/^[A-ZÁÉÍÓÚÑ¿¡].*[.!?]$/);
  for (const [k, v] of Object.entries(params)) {
    if (NOT_LITERAL.has(k) || k.endsWith('Ms')) continue;
    for (const x of Array.isArray(v) ? v : v === null ? [] : [v]) expect(text, `${what}.${k}`).toContain(String(x));
  }
}

describe.each(MESSAGE_LANGS.map((l) => [l] as const))('sentences in %s', (lang) => {
  it.each(REASON_CODES.map((c) => [c] as const))('reason %s', (code) => {
    const params = REASON_SAMPLES[code];
    const text = messageFor(code, params, lang);
    expectFilled(text, params, `${lang}:${code}`);
    if (lang !== 'en') expect(text, `${lang}:${code} is still English`).not.toBe(messageFor(code, params, 'en'));
  });

  it.each(ACCEPT_CODES.map((c) => [c] as const))('accept %s', (code) => {
    const note = { code, params: ACCEPT_SAMPLES[code] } as AcceptNote;
    const text = acceptMessageFor(note, lang);
    expectFilled(text, note.params, `${lang}:accept.${code}`);
    if (lang !== 'en') expect(text, `${lang}:accept.${code} is still English`).not.toBe(acceptMessageFor(note, 'en'));
  });
});

describe('Spanish tables', () => {
  it('cover exactly the codes of the English ones', () => {
    expect(Object.keys(MESSAGES_ES).sort()).toEqual([...REASON_CODES].sort());
    expect(Object.keys(ACCEPT_MESSAGES_ES).sort()).toEqual(Object.keys(ACCEPT_MESSAGES).sort());
  });

  it.each([
    ['a reel agrees in the feminine', 'lot_not_released', REASON_SAMPLES.lot_not_released, 'La bobina L-100005 está en cuarentena. Devuélvala y tome una bobina liberada de MCU-RP2040.'],
    ['a jar in the masculine', 'lot_not_released', { lotId: 'L-100008', itemId: 'PASTE-SAC305', itemKind: 'solder_paste', status: 'on_hold' }, 'El tarro L-100008 está retenido. Devuélvalo y tome un tarro liberado de PASTE-SAC305.'],
    ['durations in Spanish', 'msl_floor_life_exceeded', { lotId: 'L-1', itemId: 'X', itemKind: 'component', level: '3', floorLifeMs: 168 * 3_600_000, exposedMs: 30_000 }, 'La bobina L-1 (MSL 3) lleva menos de un minuto expuesta, más que su vida en planta de 7 d. Retírela de la línea y envíela a hornear.'],
  ] as const)('%s', (_, code, params, text) => expect(messageFor(code, params as never, 'es')).toBe(text));
});
