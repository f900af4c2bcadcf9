// Every reason code and ACCEPT code has a sentence in every language: filled (no template
// placeholders or missing values), carrying its values, and really translated (a Spanish
// sentence identical to the English one is an untranslated entry). Parameters never bring
// English into another language: every code-valued parameter, in every value it can take,
// is rendered in Spanish and the sentence checked for English words and raw codes.
import { describe, expect, it } from 'vitest';
import { ScanErrorKind } from '../barcode/result';
import { ROLES } from '../domain/roles';
import { EVENT_PAYLOADS, ITEM_KINDS, LOT_STATUSES } from '../events/types';
import type { ClockAnomalyKind } from './clock-anomaly';
import { REASON_SAMPLES } from './fixtures';
import { MESSAGE_LANGS } from './message-words';
import { ACCEPT_MESSAGES, acceptMessageFor, messageFor } from './messages';
import { ACCEPT_MESSAGES_ES, MESSAGES_ES } from './messages-es';
import { type AcceptCode, type AcceptNote, REASON_CODES, type ReasonCode, type ReasonParams } from './verdict';

const ACCEPT_SAMPLES: { readonly [C in AcceptCode]: Extract<AcceptNote, { code: C }>['params'] } = {
  use: { lotId: 'L-100005', itemId: 'MCU-RP2040', itemKind: 'component', slot: 'F03' },
  receive: { itemId: 'RES-10K-0603', supplierLot: 'DK2419A' },
  slot: { slot: 'F02', expected: ['CAP-100N-0402', 'CAP-100N-0402-ALT'] },
  splice: { slot: 'F02', oldLotId: 'L-100002', newLotId: 'L-100010' },
};
const ACCEPT_CODES = Object.keys(ACCEPT_SAMPLES) as AcceptCode[];

/** Params shown as words of the language (or context a sentence need not repeat). */
const NOT_LITERAL = new Set(['itemKind', 'status', 'clock', 'limit', 'scanned', 'anomaly', 'kind', 'olderReceivedAt', 'workOrderId', 'revision', 'inFridge', 'itemId', 'overrideRole']);

/** English text a parameter carries for the recorded English sentence only: never shown in another language. */
const ENGLISH_ONLY: Partial<Record<ReasonCode, readonly string[]>> = { scan_unreadable: ['problem'] };

function expectFilled(text: string, params: object, what: string, skip: readonly string[] = []) {
  expect(text, what).not.toMatch(/\{\{|\}\}|\$\{|undefined|NaN|null|\[object|Infinity/);
  expect(text, what).toMatch(/^[A-ZÁÉÍÓÚÑ¿¡].*[.!?]$/);
  for (const [k, v] of Object.entries(params)) {
    if (NOT_LITERAL.has(k) || skip.includes(k) || k.endsWith('Ms')) continue;
    for (const x of Array.isArray(v) ? v : v === null ? [] : [v]) expect(text, `${what}.${k}`).toContain(String(x));
  }
}

describe.each(MESSAGE_LANGS.map((l) => [l] as const))('sentences in %s', (lang) => {
  it.each(REASON_CODES.map((c) => [c] as const))('reason %s', (code) => {
    const params = REASON_SAMPLES[code];
    const text = messageFor(code, params, lang);
    expectFilled(text, params, `${lang}:${code}`, lang === 'en' ? [] : (ENGLISH_ONLY[code] ?? []));
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

// ---- No English through a parameter -------------------------------------------------------

/** Words of the English sentences and of the codes parameters carry; none belongs in a Spanish sentence. */
const ENGLISH_WORDS = new Set(
  (
    'the of on this that is are was were be has have label lot lots reel reels jar sack item items not and or with without wrong check digit ' +
    'expected scan scanned received expired expires open opened fridge time times day days left completed planned closed running released ' +
    'quarantined hold recalled consumed rejected operator packer admin qa duplicate order out close while data value date field too long ' +
    'short character invalid unknown ambiguous empty unrecognized malformed identifier symbology component pcb solder paste resin molded ' +
    'part packaging finished good slot badge msl limit'
  ).split(' '),
);
/** Codes that are the same word in Spanish. */
const SAME_IN_SPANISH = new Set(['supervisor']);

const ANOMALIES: { readonly [A in ClockAnomalyKind]: true } = { out_of_order: true, duplicate: true, close_without_open: true, out_without_in: true, open_while_in_fridge: true };
const WORK_ORDER_STATUSES = EVENT_PAYLOADS['master.work_order.upserted'].shape.status.options;

type Variant = { readonly [C in ReasonCode]: readonly [C, ReasonParams[C]] }[ReasonCode];
const v = <C extends ReasonCode>(code: C, params: Partial<ReasonParams[C]>): Variant => [code, { ...REASON_SAMPLES[code], ...params }] as unknown as Variant;

/** Every value each code-valued parameter can take, and every shape a label-read parameter can have. */
const VARIANTS: readonly Variant[] = [
  ...REASON_CODES.map((c) => [c, REASON_SAMPLES[c]] as unknown as Variant),
  ...ScanErrorKind.options.map((kind) => v('scan_unreadable', { kind, problem: 'the GS1 check digit of AI (01) is wrong' })),
  v('not_a_material', { scanned: 'badge' }),
  v('lot_unknown', { ref: 'DK2419A', itemId: 'RES-10K-0603' }),
  v('lot_unknown', { ref: null, itemId: 'MCU-RP2040' }),
  v('item_unknown', { ref: null }),
  ...WORK_ORDER_STATUSES.map((status) => v('work_order_not_running', { status })),
  ...LOT_STATUSES.filter((x) => x !== 'released').flatMap((status) => ITEM_KINDS.map((itemKind) => v('lot_not_released', { status, itemKind }))),
  ...ITEM_KINDS.flatMap((itemKind) => [v('lot_expired', { itemKind, lotId: null }), v('lot_expiring_soon', { itemKind, lotId: null, daysLeft: 1 }), v('wrong_item', { itemKind, slot: null, expected: [] }), v('lot_empty', { itemKind }), v('quantity_insufficient', { itemKind })]),
  ...(['msl', 'paste'] as const).flatMap((clock) => (Object.keys(ANOMALIES) as ClockAnomalyKind[]).map((anomaly) => v('clock_record_irregular', { clock, anomaly, count: 1 }))),
  v('paste_not_thawed', { inFridge: true }),
  v('paste_time_low', { limit: 'out_of_fridge' }),
  ...[...ROLES, null].map((overrideRole) => v('fifo_older_lot', { overrideRole, olderExpiry: '2026-09-30' })),
  v('line_clearance_missing', { clearedFor: null }),
  v('no_work_order', { workOrderId: '' }),
];

/** Parameters whose values are codes the sentence must say in words. */
const CODE_PARAMS = ['kind', 'scanned', 'status', 'itemKind', 'anomaly', 'clock', 'limit', 'overrideRole'];

function expectNoEnglish(text: string, params: object, what: string) {
  const words = text.match(/[a-záéíóúñü]+/g) ?? [];
  expect(words.filter((w) => ENGLISH_WORDS.has(w)), `${what}: English words in "${text}"`).toEqual([]);
  for (const k of CODE_PARAMS) {
    const value = (params as Record<string, unknown>)[k];
    if (typeof value === 'string' && !SAME_IN_SPANISH.has(value)) expect(text, `${what}: raw code ${k}=${value}`).not.toMatch(new RegExp(`(^|[^\\p{L}_])${value}($|[^\\p{L}_])`, 'u'));
  }
}

describe('no English reaches a Spanish sentence through its parameters', () => {
  it.each(VARIANTS.map((x) => [x[0], JSON.stringify(x[1]), x] as const))('%s %s', (code, _, [, params]) => {
    const text = messageFor(code, params as never, 'es');
    expectFilled(text, params, `es:${code}`, ENGLISH_ONLY[code] ?? []);
    expectNoEnglish(text, params, `es:${code}`);
    for (const k of ENGLISH_ONLY[code] ?? []) expect(text, `es:${code}.${k} is English-only`).not.toContain(String((params as Record<string, unknown>)[k]));
  });

  it.each([
    ...ITEM_KINDS.map((itemKind) => ({ code: 'use', params: { ...ACCEPT_SAMPLES.use, itemKind } }) as AcceptNote),
    { code: 'use', params: { ...ACCEPT_SAMPLES.use, slot: null } } as AcceptNote,
    { code: 'receive', params: { ...ACCEPT_SAMPLES.receive, supplierLot: null } } as AcceptNote,
    ...ACCEPT_CODES.map((code) => ({ code, params: ACCEPT_SAMPLES[code] }) as AcceptNote),
  ].map((n) => [n.code, JSON.stringify(n.params), n] as const))('accept %s %s', (_, __, note) => {
    const text = acceptMessageFor(note, 'es');
    expectFilled(text, note.params, `es:accept.${note.code}`);
    expectNoEnglish(text, note.params, `es:accept.${note.code}`);
  });

  it('the word check itself catches an English phrase and a raw code', () => {
    expect(() => expectNoEnglish('La bobina on this label caducó.', {}, 't')).toThrow();
    expect(() => expectNoEnglish('La orden está on_hold.', { status: 'on_hold' }, 't')).toThrow();
    expect(() => expectNoEnglish('La bobina L-100005 está en cuarentena.', { status: 'quarantined' }, 't')).not.toThrow();
  });
});
