// A reason's short name, for where a sentence does not fit: the supervisor's charts, the floor
// board's last verdict, the reject Pareto of the shift report and its 42-column ticket (a name
// is at most 36 characters, so a count of up to five digits fits beside it). The code is what
// is recorded and counted; a name is chosen at display, in the reader's language.
import type { MessageLang } from './message-words';
import { isReasonCode } from './messages';
import type { ReasonCode } from './verdict';

/** What the shift's Pareto counts a REJECT under when its verdict named no reason. */
export const UNSPECIFIED_REASON = 'unspecified';

type NameTable = Readonly<Record<ReasonCode | typeof UNSPECIFIED_REASON, string>>;

const EN: NameTable = {
  scan_unreadable: 'Scan unreadable',
  not_a_material: 'Not a material label',
  lot_unknown: 'Unknown lot',
  lot_ambiguous: 'Ambiguous lot',
  item_unknown: 'Unknown item',
  item_ambiguous: 'Ambiguous item',
  supplier_lot_missing: 'Supplier lot missing',
  item_match_conflict: 'Conflicting part numbers',
  lot_already_received: 'Lot already received',
  no_work_order: 'No work order',
  work_order_not_running: 'Work order not released',
  line_clearance_missing: 'Line clearance missing',
  segregation_other_lot_open: 'Another lot open on the line',
  wrong_item: 'Wrong item',
  lot_not_released: 'Lot not released',
  lot_expired: 'Lot expired',
  lot_expiring_soon: 'Lot expiring soon',
  msl_bake_required: 'MSL bake required',
  msl_floor_life_exceeded: 'MSL floor life exceeded',
  msl_floor_life_low: 'MSL floor life low',
  clock_record_irregular: 'Irregular clock record',
  paste_discarded: 'Paste jar discarded',
  paste_not_thawed: 'Paste not thawed',
  paste_opened_before_thaw: 'Paste opened before thawing',
  paste_open_time_exceeded: 'Paste open time exceeded',
  paste_fridge_returns_exceeded: 'Paste back in the fridge too often',
  paste_out_of_fridge_exceeded: 'Paste out of the fridge too long',
  paste_time_low: 'Paste time running out',
  fifo_older_lot: 'Older lot to use first (FIFO)',
  lot_empty: 'Lot empty',
  quantity_insufficient: 'Quantity insufficient',
  slot_first: 'Reel scanned before its slot',
  slot_not_in_setup: 'Slot not in the setup',
  splice_old_reel_not_loaded: 'Splice: old reel not loaded',
  splice_same_reel: 'Splice: same reel twice',
  splice_mismatch: 'Splice: different part',
  unspecified: 'Unspecified',
};

const ES: NameTable = {
  scan_unreadable: 'Escaneo ilegible',
  not_a_material: 'No es una etiqueta de material',
  lot_unknown: 'Lote desconocido',
  lot_ambiguous: 'Lote ambiguo',
  item_unknown: 'Artículo desconocido',
  item_ambiguous: 'Artículo ambiguo',
  supplier_lot_missing: 'Falta el lote de proveedor',
  item_match_conflict: 'Números de pieza contradictorios',
  lot_already_received: 'Lote ya recibido',
  no_work_order: 'Sin orden de trabajo',
  work_order_not_running: 'Orden de trabajo no liberada',
  line_clearance_missing: 'Falta el despeje de línea',
  segregation_other_lot_open: 'Otro lote abierto en la línea',
  wrong_item: 'Artículo equivocado',
  lot_not_released: 'Lote no liberado',
  lot_expired: 'Lote caducado',
  lot_expiring_soon: 'Lote a punto de caducar',
  msl_bake_required: 'Requiere horneado MSL',
  msl_floor_life_exceeded: 'Vida en planta MSL superada',
  msl_floor_life_low: 'Poca vida en planta MSL',
  clock_record_irregular: 'Registro de reloj incoherente',
  paste_discarded: 'Tarro de pasta desechado',
  paste_not_thawed: 'Pasta sin descongelar',
  paste_opened_before_thaw: 'Pasta abierta antes de descongelar',
  paste_open_time_exceeded: 'Tiempo abierta de la pasta superado',
  paste_fridge_returns_exceeded: 'Pasta devuelta a la nevera de más',
  paste_out_of_fridge_exceeded: 'Pasta fuera de la nevera de más',
  paste_time_low: 'Poco tiempo de pasta restante',
  fifo_older_lot: 'Lote anterior sin usar (FIFO)',
  lot_empty: 'Lote vacío',
  quantity_insufficient: 'Cantidad insuficiente',
  slot_first: 'Bobina antes que su posición',
  slot_not_in_setup: 'Posición fuera de la preparación',
  splice_old_reel_not_loaded: 'Empalme: bobina antigua no cargada',
  splice_same_reel: 'Empalme: la misma bobina dos veces',
  splice_mismatch: 'Empalme: otra pieza',
  unspecified: 'Sin especificar',
};

const NAMES: Readonly<Record<MessageLang, NameTable>> = { en: EN, es: ES };

/**
 * The short name of a recorded reason code. A code without one — a newer station's, or a
 * caller's own key such as the board's integrity alarms — is given to `otherwise`, which by
 * default shows it as recorded.
 */
export function reasonName(code: string, lang: MessageLang, otherwise: (code: string) => string = (c) => c): string {
  return isReasonCode(code) || code === UNSPECIFIED_REASON ? NAMES[lang][code] : otherwise(code);
}
