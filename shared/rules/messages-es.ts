// Spanish operator sentences, one per reason code and ACCEPT code, filled from the same
// parameters as the English ones in messages.ts. Usted form, as on the floor's work
// instructions; articles, pronouns and adjectives agree with the container's gender.
import type { ScanErrorKind } from '../barcode/result';
import type { Role } from '../domain/roles';
import type { ClockAnomalyKind } from './clock-anomaly';
import { cap, containerNounEs, formatDuration, listOr, num, plural, type SpanishNoun } from './message-words';
import type { AcceptMessageTable, MessageTable } from './messages';
import type { WorkOrderStatus } from './snapshot';
import type { ItemKind, LotStatus } from './verdict';

const dur = (ms: number) => formatDuration(ms, 'es');
const list = (xs: readonly string[]) => listOr(xs, 'es');

/** "la bobina" / "el tarro" */
const the = (n: SpanishNoun) => `${n.feminine ? 'la' : 'el'} ${n.word}`;
/** "una bobina" / "un tarro" */
const an = (n: SpanishNoun) => `${n.feminine ? 'una' : 'un'} ${n.word}`;
/** Adjective or pronoun ending: "liberada" / "liberado", "devuélvala" / "devuélvalo". */
const ag = (n: SpanishNoun, stem: string) => `${stem}${n.feminine ? 'a' : 'o'}`;
const noun = (k: ItemKind) => containerNounEs(k);
/** "La bobina L-100005"; a lot read off a label with no lot number: "La bobina de esta etiqueta". */
const The = (k: ItemKind, lotId: string | null) => `${cap(the(noun(k)))} ${lotId ?? 'de esta etiqueta'}`;

const STATUS_ES: { readonly [S in Exclude<LotStatus, 'released'>]: (n: SpanishNoun) => string } = {
  quarantined: () => 'está en cuarentena',
  on_hold: (n) => `está ${ag(n, 'retenid')}`,
  rejected: (n) => `fue ${ag(n, 'rechazad')} por calidad`,
  recalled: (n) => `está ${ag(n, 'retirad')} del mercado`,
  consumed: (n) => `consta como ${ag(n, 'agotad')}`,
};

const WORK_ORDER_STATUS_ES: { readonly [S in WorkOrderStatus]: string } = { planned: 'planificada', released: 'liberada', running: 'en curso', completed: 'terminada', closed: 'cerrada' };

const ROLE_ES: { readonly [R in Role]: string } = { operator: 'operario', packer: 'empaquetador', supervisor: 'supervisor', qa: 'responsable de calidad', admin: 'administrador' };

const ANOMALY_ES: { readonly [A in ClockAnomalyKind]: string } = {
  out_of_order: 'eventos fuera de orden',
  duplicate: 'evento repetido',
  close_without_open: 'cierre sin apertura',
  out_without_in: 'salida sin entrada',
  open_while_in_fridge: 'abierto estando en la nevera',
};

/** What the barcode parser found wrong, by its error kind (its English detail stays in the recorded sentence). */
const SCAN_ERROR_ES: { readonly [K in ScanErrorKind]: string } = {
  empty: 'no llegó ningún dato',
  malformed: 'los datos de la etiqueta están mal formados',
  unrecognized: 'no es un formato de etiqueta conocido',
  bad_symbology_identifier: 'el identificador de simbología no es válido',
  unknown_ai: 'lleva un identificador de aplicación GS1 desconocido',
  too_long: 'un campo es demasiado largo',
  too_short: 'un campo es demasiado corto',
  invalid_character: 'un campo lleva un carácter no permitido',
  check_digit: 'un dígito de control es incorrecto',
  invalid_date: 'una fecha no es válida',
  invalid_value: 'un valor no es válido',
  ambiguous: 'los datos admiten más de una lectura',
  input_too_long: 'el escaneo es demasiado largo',
};

export const MESSAGES_ES: MessageTable = {
  scan_unreadable: (p) => `No se pudo leer el escaneo: ${SCAN_ERROR_ES[p.kind] ?? 'los datos no son válidos'}. Vuelva a escanear la etiqueta, o la etiqueta Lotline del envase.`,
  not_a_material: (p) => (p.scanned === 'slot' ? 'Eso es una etiqueta de posición, no material. Escanee la bobina de la posición.' : 'Eso es una tarjeta de identificación, no material. Escanee la etiqueta del material.'),
  lot_unknown: (p) => {
    const which = p.ref === null ? `ningún lote de ${p.itemId ?? 'este artículo'} (la etiqueta no lleva número de lote)` : p.itemId === null ? `el lote ${p.ref}` : `el lote ${p.ref} de ${p.itemId}`;
    return `Esta estación no conoce ${which}. Escanee la etiqueta de lote Lotline, o haga recibir primero el material.`;
  },
  lot_ambiguous: (p) => `El lote de proveedor ${p.supplierLot} de ${p.itemId} se recibió más de una vez (${list(p.lotIds)}). Escanee en su lugar la etiqueta de lote Lotline.`,
  item_unknown: (p) => `No hay ningún artículo configurado para ${p.ref ?? 'esta etiqueta'}. Aparte el material y llame a su supervisor para que dé de alta la pieza.`,
  item_ambiguous: (p) => `${p.ref} corresponde a varios artículos (${list(p.candidates)}). Escanee en su lugar la etiqueta de lote Lotline, o llame a su supervisor.`,
  item_match_conflict: (p) => `La etiqueta indica ${p.itemId} (${p.key}), pero otro número de pieza en ella indica ${list(p.others)}. Revise la etiqueta: recíbala solo si es ${p.itemId}.`,
  supplier_lot_missing: (p) => `La etiqueta de ${p.itemId} no lleva lote de proveedor. Escriba el lote que figura en la etiqueta antes de recibirlo.`,
  lot_already_received: (p) => `El lote de proveedor ${p.supplierLot} de ${p.itemId} ya se recibió como ${list(p.lotIds)}. Confirme que es una entrega nueva, o use la etiqueta de lote existente.`,
  no_work_order: (p) => (p.workOrderId ? `Esta estación no conoce la orden de trabajo ${p.workOrderId}. Vuelva a cargar la orden o llame a su supervisor.` : 'No hay ninguna orden de trabajo cargada. Cargue primero la orden de trabajo.'),
  work_order_not_running: (p) => `La orden de trabajo ${p.workOrderId} está ${WORK_ORDER_STATUS_ES[p.status] ?? 'en otro estado'}. Cargue una orden de trabajo liberada.`,
  line_clearance_missing: (p) => `El despeje de línea del lote ${p.finishedLotId} en la línea ${p.lineId} no está firmado${p.clearedFor ? ` (el último fue para ${p.clearedFor})` : ''}. Realice y firme el despeje de línea antes de escanear material.`,
  segregation_other_lot_open: (p) => `El lote ${list(p.openLotIds)} sigue abierto en la línea ${p.lineId}. Ciérrelo antes de empaquetar el lote ${p.finishedLotId}.`,
  wrong_item: (p) => {
    const n = noun(p.itemKind);
    const what = `${The(p.itemKind, p.lotId)} es ${p.itemId}`;
    const where = p.belongsIn.length > 0 ? ` Va en la posición ${list(p.belongsIn)}.` : '';
    if (p.slot !== null && p.expected.length > 0) return `${what}, pero la posición ${p.slot} lleva ${list(p.expected)}. ${cap(ag(n, 'devuélval'))} y tome ${an(n)} de ${p.expected[0]}.${where}`;
    return `${what}, que no está en la lista de materiales de la orden de trabajo ${p.workOrderId} (revisión ${p.revision}). ${cap(ag(n, 'devuélval'))}.${where}`;
  },
  lot_not_released: (p) => {
    const n = noun(p.itemKind);
    const act = p.status === 'consumed' ? `${cap(ag(n, 'apártel'))} y llame a calidad si no está ${ag(n, 'vací')}.` : `${cap(ag(n, 'devuélval'))} y tome ${an(n)} ${ag(n, 'liberad')} de ${p.itemId}.`;
    return `${The(p.itemKind, p.lotId)} ${STATUS_ES[p.status](n)}. ${act}`;
  },
  lot_expired: (p) => {
    const n = noun(p.itemKind);
    return `${The(p.itemKind, p.lotId)} caducó el ${p.expiry}. ${cap(ag(n, 'apártel'))} para calidad y tome ${an(n)} de ${p.itemId} dentro de fecha.`;
  },
  lot_expiring_soon: (p) => `${The(p.itemKind, p.lotId)} caduca el ${p.expiry} (${p.daysLeft === 1 ? 'queda 1 día' : `quedan ${p.daysLeft} días`}). Confirme para ${ag(noun(p.itemKind), 'usarl')}.`,
  msl_bake_required: (p) => {
    const n = noun(p.itemKind);
    return `${The(p.itemKind, p.lotId)} es MSL ${p.level} y no se ha horneado. ${cap(ag(n, 'hornéel'))} y anote el tiempo indicado en la etiqueta antes de ${ag(n, 'usarl')}.`;
  },
  msl_floor_life_exceeded: (p) => {
    const n = noun(p.itemKind);
    return `${The(p.itemKind, p.lotId)} (MSL ${p.level}) lleva ${dur(p.exposedMs)} ${ag(n, 'expuest')}, más que su vida en planta de ${dur(p.floorLifeMs)}. ${cap(ag(n, 'retírel'))} de la línea y ${ag(n, 'envíel')} a hornear.`;
  },
  msl_floor_life_low: (p) => {
    const n = noun(p.itemKind);
    return `${The(p.itemKind, p.lotId)} (MSL ${p.level}) tiene ${dur(p.remainingMs)} de vida en planta restante. Confirme para ${ag(n, 'usarl')}, y prevea ${ag(n, 'devolverl')} al almacenamiento seco.`;
  },
  clock_record_irregular: (p) =>
    `El registro de ${p.clock === 'msl' ? 'exposición a la humedad' : 'pasta de soldar'} de ${p.lotId} es incoherente (${ANOMALY_ES[p.anomaly] ?? 'registro irregular'}${p.count > 1 ? `, ${p.count} veces` : ''}). Revise ${the(noun(p.itemKind))} y confirme que se puede usar.`,
  paste_discarded: (p) => `El tarro ${p.lotId} consta como desechado (vacío o descartado). No lo use; tome otro tarro de ${p.itemId}.`,
  paste_not_thawed: (p) =>
    p.inFridge
      ? `El tarro ${p.lotId} consta como en la nevera. Registre su salida de la nevera y déjelo descongelar cerrado durante ${dur(p.thawRemainingMs)}.`
      : `El tarro ${p.lotId} solo lleva ${dur(p.thawedMs)} descongelándose. Déjelo cerrado ${dur(p.thawRemainingMs)} más.`,
  paste_opened_before_thaw: (p) => `El tarro ${p.lotId} se abrió tras ${dur(p.thawedMs)} de descongelación, por debajo del mínimo de ${dur(p.minThawMs)}. No lo use; apártelo para su supervisor.`,
  paste_open_time_exceeded: (p) => `El tarro ${p.lotId} lleva abierto ${dur(p.openMs)}, más del máximo permitido de ${dur(p.maxOpenMs)}. Deséchelo y abra un tarro nuevo de ${p.itemId}.`,
  paste_fridge_returns_exceeded: (p) => `El tarro ${p.lotId} volvió a la nevera ${plural(p.returns, 'vez', 'veces')}, más del máximo permitido (${p.maxReturns}). Deséchelo y tome un tarro nuevo de ${p.itemId}.`,
  paste_out_of_fridge_exceeded: (p) => `El tarro ${p.lotId} lleva ${dur(p.outMs)} en total fuera de la nevera, más del máximo permitido de ${dur(p.maxOutMs)}. Deséchelo y tome un tarro nuevo de ${p.itemId}.`,
  paste_time_low: (p) => `Al tarro ${p.lotId} le quedan ${dur(p.remainingMs)} de ${p.limit === 'open' ? 'tiempo abierto' : 'tiempo fuera de la nevera'}. Confirme para usarlo.`,
  fifo_older_lot: (p) =>
    `${The(p.itemKind, p.lotId)} es más reciente que ${p.olderLotId} de ${p.itemId} (recibido el ${p.olderReceivedAt.slice(0, 10)}${p.olderExpiry ? `, caduca el ${p.olderExpiry}` : ''}), que debe usarse primero. ` +
    (p.overrideRole === null ? `Tome ${p.olderLotId}, o confirme por qué usa este.` : `Tome ${p.olderLotId}, o pida a un ${ROLE_ES[p.overrideRole] ?? 'responsable'} que firme una excepción.`),
  lot_empty: (p) => {
    const n = noun(p.itemKind);
    return `${The(p.itemKind, p.lotId)} no tiene cantidad restante registrada. ${cap(ag(n, 'apártel'))} y tome ${ag(n, 'otr')} ${n.word} de ${p.itemId}.`;
  },
  quantity_insufficient: (p) => {
    const n = noun(p.itemKind);
    return `${The(p.itemKind, p.lotId)} contiene ${num(p.available)} ${p.uom} de los ${num(p.needed)} ${p.uom} que necesita esta orden de trabajo. Confirme, y tenga ${ag(n, 'preparad')} ${ag(n, 'otr')} ${n.word} de ${p.itemId}.`;
  },
  slot_first: () => 'No hay ninguna posición seleccionada para esta bobina. Escanee primero la posición y después la bobina.',
  slot_not_in_setup: (p) =>
    p.line !== p.setupLine
      ? `La posición ${p.slot} es de la línea ${p.line}, pero esta preparación es para la línea ${p.setupLine}. Escanee una etiqueta de posición de la línea ${p.setupLine}.`
      : `La orden de trabajo ${p.workOrderId} no usa la posición ${p.slot} de la línea ${p.line}. Escanee una posición de la lista de preparación.`,
  splice_old_reel_not_loaded: (p) => `La bobina ${p.lotId} no está cargada en la línea ${p.lineId}. Escanee primero la bobina que se acaba y después la nueva.`,
  splice_same_reel: (p) => `Las dos lecturas fueron la bobina ${p.lotId}. Escanee la bobina antigua y después la nueva.`,
  splice_mismatch: (p) => `La bobina ${p.lotId} es ${p.itemId}, pero la posición ${p.slot} lleva ${p.oldItemId} (bobina ${p.oldLotId}). No empalme; tome una bobina de ${list(p.allowed)}.`,
};

export const ACCEPT_MESSAGES_ES: AcceptMessageTable = {
  use: (p) => `${The(p.itemKind, p.lotId)} (${p.itemId}) ${ag(noun(p.itemKind), 'verificad')}${p.slot !== null ? ` para la posición ${p.slot}` : ''}.`,
  receive: (p) => `${p.itemId}${p.supplierLot !== null ? `, lote de proveedor ${p.supplierLot}` : ''}: lote nuevo. Confirme cantidad y caducidad, y recíbalo en cuarentena.`,
  slot: (p) => `Posición ${p.slot}: escanee una bobina de ${list(p.expected)}.`,
  splice: (p) => `Empalme verificado en la posición ${p.slot}: bobina ${p.oldLotId} → ${p.newLotId}.`,
};
