// The operator's sentence for every reason code: what is wrong, then what to do, with the
// values filled in. English here (recorded with every verdict, so audit text never changes);
// the Spanish table sits in messages-es.ts and the UI picks by code with the same params.
import { cap, containerNoun, formatDuration, listOr, type MessageLang, num, plural } from './message-words';
import { ACCEPT_MESSAGES_ES, MESSAGES_ES } from './messages-es';
import type { AcceptCode, AcceptNote, AcceptParams, ReasonCode, ReasonParams } from './verdict';

export { containerNoun, formatDuration } from './message-words';
export type { MessageLang } from './message-words';

const list = (xs: readonly string[]) => listOr(xs, 'en');
const STATUS_TEXT = { quarantined: 'is in quarantine', on_hold: 'is on hold', rejected: 'was rejected by QA', recalled: 'is recalled', consumed: 'is recorded as used up' } as const;

export type MessageTable = { readonly [C in ReasonCode]: (p: ReasonParams[C]) => string };
export type AcceptMessageTable = { readonly [C in AcceptCode]: (p: AcceptParams[C]) => string };

export const MESSAGES: MessageTable = {
  scan_unreadable: (p) => `The scan could not be read: ${p.problem}. Scan the label again, or the Lotline label on the container.`,
  not_a_material: (p) => (p.scanned === 'slot' ? 'That is a slot label, not material. Scan the reel for the slot.' : 'That is a badge, not material. Scan the material label.'),
  lot_unknown: (p) => {
    const which = p.ref === null ? `of ${p.itemId ?? 'this item'} (the label carries no lot number)` : p.itemId === null ? p.ref : `${p.ref} of ${p.itemId}`;
    return `No lot ${which} is known at this station. Scan the Lotline lot label, or have the material received first.`;
  },
  lot_ambiguous: (p) => `Supplier lot ${p.supplierLot} of ${p.itemId} was received more than once (${list(p.lotIds)}). Scan the Lotline lot label instead.`,
  item_unknown: (p) => `No item is set up for ${p.ref ?? 'this label'}. Put the material aside and call your supervisor to add the part.`,
  item_ambiguous: (p) => `${p.ref} matches several items (${list(p.candidates)}). Scan the Lotline lot label instead, or call your supervisor.`,
  item_match_conflict: (p) => `The label names ${p.itemId} (${p.key}), but another part number on it names ${list(p.others)}. Check the label: receive it only if it is ${p.itemId}.`,
  supplier_lot_missing: (p) => `The label of ${p.itemId} carries no supplier lot. Type the lot from the label before you receive it.`,
  lot_already_received: (p) => `Supplier lot ${p.supplierLot} of ${p.itemId} was already received as ${list(p.lotIds)}. Confirm this is a new delivery, or use the existing lot label.`,
  no_work_order: (p) => (p.workOrderId ? `Work order ${p.workOrderId} is not known at this station. Load the work order again or call your supervisor.` : 'No work order is loaded. Load the work order first.'),
  work_order_not_running: (p) => `Work order ${p.workOrderId} is ${p.status}. Load a released work order.`,
  line_clearance_missing: (p) => `Line clearance for lot ${p.finishedLotId} on line ${p.lineId} is not signed${p.clearedFor ? ` (the last one was for ${p.clearedFor})` : ''}. Perform and sign line clearance before scanning material.`,
  segregation_other_lot_open: (p) => `Lot ${list(p.openLotIds)} is still open on line ${p.lineId}. Close it before packing lot ${p.finishedLotId}.`,
  wrong_item: (p) => {
    const what = `${cap(containerNoun(p.itemKind))} ${p.lotId} is ${p.itemId}`;
    const where = p.belongsIn.length > 0 ? ` It belongs in slot ${list(p.belongsIn)}.` : '';
    if (p.slot !== null && p.expected.length > 0) return `${what}, but slot ${p.slot} takes ${list(p.expected)}. Put it back and take a ${containerNoun(p.itemKind)} of ${p.expected[0]}.${where}`;
    return `${what}, which is not on the BOM of work order ${p.workOrderId} (revision ${p.revision}). Put it back.${where}`;
  },
  lot_not_released: (p) => {
    const n = containerNoun(p.itemKind);
    const act = p.status === 'consumed' ? `Put it aside and call QA if it is not empty.` : `Put it back and take a released ${n} of ${p.itemId}.`;
    return `${cap(n)} ${p.lotId} ${STATUS_TEXT[p.status]}. ${act}`;
  },
  lot_expired: (p) => `${cap(containerNoun(p.itemKind))} ${p.lotId ?? 'on this label'} expired on ${p.expiry}. Put it aside for QA and take a ${containerNoun(p.itemKind)} of ${p.itemId} that is in date.`,
  lot_expiring_soon: (p) => `${cap(containerNoun(p.itemKind))} ${p.lotId ?? 'on this label'} expires on ${p.expiry} (${plural(p.daysLeft, 'day', 'days')} left). Confirm to use it.`,
  msl_bake_required: (p) => `${cap(containerNoun(p.itemKind))} ${p.lotId} is MSL ${p.level} and has not been baked. Bake it and record the time on label before use.`,
  msl_floor_life_exceeded: (p) => `${cap(containerNoun(p.itemKind))} ${p.lotId} (MSL ${p.level}) has been exposed ${formatDuration(p.exposedMs)}, over its ${formatDuration(p.floorLifeMs)} floor life. Take it off the line and send it to bake.`,
  msl_floor_life_low: (p) => `${cap(containerNoun(p.itemKind))} ${p.lotId} (MSL ${p.level}) has ${formatDuration(p.remainingMs)} of floor life left. Confirm to use it, and plan to return it to dry storage.`,
  clock_record_irregular: (p) => `The ${p.clock === 'msl' ? 'moisture exposure' : 'solder paste'} record of ${p.lotId} is inconsistent (${p.anomaly.replaceAll('_', ' ')}${p.count > 1 ? `, ${p.count} times` : ''}). Check the ${containerNoun(p.itemKind)} and confirm it is fit to use.`,
  paste_discarded: (p) => `Jar ${p.lotId} was recorded as discarded (emptied or scrapped). Do not use it; take another jar of ${p.itemId}.`,
  paste_not_thawed: (p) =>
    p.inFridge
      ? `Jar ${p.lotId} is recorded as in the fridge. Record it out of the fridge and let it thaw closed for ${formatDuration(p.thawRemainingMs)}.`
      : `Jar ${p.lotId} has thawed for ${formatDuration(p.thawedMs)} only. Leave it closed for another ${formatDuration(p.thawRemainingMs)}.`,
  paste_opened_before_thaw: (p) => `Jar ${p.lotId} was opened after ${formatDuration(p.thawedMs)} of thaw, under the ${formatDuration(p.minThawMs)} needed. Do not use it; set it aside for your supervisor.`,
  paste_open_time_exceeded: (p) => `Jar ${p.lotId} has been open ${formatDuration(p.openMs)}, over the ${formatDuration(p.maxOpenMs)} allowed. Scrap it and open a new jar of ${p.itemId}.`,
  paste_fridge_returns_exceeded: (p) => `Jar ${p.lotId} went back into the fridge ${plural(p.returns, 'time', 'times')}, more than the ${p.maxReturns} allowed. Scrap it and take a new jar of ${p.itemId}.`,
  paste_out_of_fridge_exceeded: (p) => `Jar ${p.lotId} has been out of the fridge ${formatDuration(p.outMs)} in total, over the ${formatDuration(p.maxOutMs)} allowed. Scrap it and take a new jar of ${p.itemId}.`,
  paste_time_low: (p) => `Jar ${p.lotId} has ${formatDuration(p.remainingMs)} of ${p.limit === 'open' ? 'open time' : 'time out of the fridge'} left. Confirm to use it.`,
  fifo_older_lot: (p) =>
    `${cap(containerNoun(p.itemKind))} ${p.lotId} is newer than ${p.olderLotId} of ${p.itemId} (received ${p.olderReceivedAt.slice(0, 10)}${p.olderExpiry ? `, expires ${p.olderExpiry}` : ''}), which must be used first. ` +
    (p.overrideRole === null ? `Take ${p.olderLotId}, or confirm why this one is used.` : `Take ${p.olderLotId}, or ask a ${p.overrideRole} to sign an override.`),
  lot_empty: (p) => `${cap(containerNoun(p.itemKind))} ${p.lotId} has no quantity left on record. Put it aside and take another ${containerNoun(p.itemKind)} of ${p.itemId}.`,
  quantity_insufficient: (p) => `${cap(containerNoun(p.itemKind))} ${p.lotId} holds ${num(p.available)} ${p.uom} of the ${num(p.needed)} ${p.uom} this work order needs. Confirm, and have another ${containerNoun(p.itemKind)} of ${p.itemId} ready.`,
  slot_first: () => 'No slot is selected for this reel. Scan the slot first, then the reel.',
  slot_not_in_setup: (p) =>
    p.line !== p.setupLine
      ? `Slot ${p.slot} is on line ${p.line}, but this setup is for line ${p.setupLine}. Scan a slot label of line ${p.setupLine}.`
      : `Slot ${p.slot} of line ${p.line} is not used by work order ${p.workOrderId}. Scan a slot from the setup list.`,
  splice_old_reel_not_loaded: (p) => `Reel ${p.lotId} is not loaded on line ${p.lineId}. Scan the reel that is running out first, then the new reel.`,
  splice_same_reel: (p) => `Both scans were reel ${p.lotId}. Scan the old reel, then the new reel.`,
  splice_mismatch: (p) => `Reel ${p.lotId} is ${p.itemId}, but slot ${p.slot} runs ${p.oldItemId} (reel ${p.oldLotId}). Do not splice; take a reel of ${list(p.allowed)}.`,
};

const TABLES: Record<MessageLang, MessageTable> = { en: MESSAGES, es: MESSAGES_ES };

/** The sentence of one reason in `lang` (English is what the verdict records). */
export function messageFor<C extends ReasonCode>(code: C, params: ReasonParams[C], lang: MessageLang = 'en'): string {
  return (TABLES[lang][code] as (p: ReasonParams[C]) => string)(params);
}

/** ACCEPT sentences: what was verified, so the operator hears the part and slot back. */
export const ACCEPT_MESSAGES: AcceptMessageTable = {
  use: (p) => `${cap(containerNoun(p.itemKind))} ${p.lotId} (${p.itemId}) verified${p.slot !== null ? ` for slot ${p.slot}` : ''}.`,
  receive: (p) => `${p.itemId}${p.supplierLot !== null ? `, supplier lot ${p.supplierLot}` : ''}: new lot. Confirm quantity and expiry, then receive it into quarantine.`,
  slot: (p) => `Slot ${p.slot}: scan a reel of ${list(p.expected)}.`,
  splice: (p) => `Splice verified on slot ${p.slot}: reel ${p.oldLotId} → ${p.newLotId}.`,
};

const ACCEPT_TABLES: Record<MessageLang, AcceptMessageTable> = { en: ACCEPT_MESSAGES, es: ACCEPT_MESSAGES_ES };

export function acceptMessageFor(note: AcceptNote, lang: MessageLang = 'en'): string {
  return (ACCEPT_TABLES[lang][note.code] as (p: AcceptNote['params']) => string)(note.params);
}

/** Is `code` one of ours? A newer runtime may send codes this renderer does not know. */
export function isReasonCode(code: string): code is ReasonCode {
  return Object.hasOwn(MESSAGES, code);
}

export function isAcceptCode(code: string): code is AcceptCode {
  return Object.hasOwn(ACCEPT_MESSAGES, code);
}
