// What the station knows when a scan arrives, as the verification engine reads it: master
// data, lots, material clocks and packing-line state, in maps keyed by id so a verdict never
// searches. The engine only reads it; snapshot-apply.ts is the one place that changes it.
import type { StationType } from '../domain/roles';
import type { BomId, ItemId, LotId, WorkOrderId } from '../ids';
import type { RulesConfig } from './config';
import type { ItemIndex } from './item-index';
import type { MslLevel, MslState } from './msl';
import type { PasteParams, PasteState } from './solder-paste';
import type { ItemKind, LotStatus } from './verdict';

export interface ItemInfo {
  readonly itemId: ItemId;
  readonly name: string;
  readonly kind: ItemKind;
  readonly uom: string;
  readonly gtin?: string;
  readonly msl?: MslLevel;
  readonly shelfLifeDays?: number;
  /** Cleanroom packing gives each unit of it a serial number (with this prefix). */
  readonly serialized?: boolean;
  readonly serialPrefix?: string;
  /** Solder paste: this item's datasheet values over RulesConfig.paste. */
  readonly paste?: Partial<PasteParams>;
  /** MSL 6: hours on the floor after a bake, from the label, when the bake event does not say. */
  readonly mslTimeOnLabelH?: number;
}

export interface LotInfo {
  readonly lotId: LotId;
  readonly itemId: ItemId;
  readonly supplierId?: string;
  readonly supplierLot?: string;
  /** Balance on record, in `uom`. */
  readonly quantity: number;
  readonly uom: string;
  readonly status: LotStatus;
  /** Last day of use (ISO date, plant time). */
  readonly expiry?: string;
  /** `expiry` parsed once when recorded (UTC midnight of that date; NaN if unreadable), so a verdict never parses dates. */
  readonly expiryDayMs?: number;
  /** Lot's own level when receiving recorded one; otherwise the item's. */
  readonly msl?: MslLevel;
  readonly receivedAt: string;
  /** Order of receipt on the log: FIFO's tie-free key. */
  readonly receivedSeq: number;
  /** Storage location or line; FIFO compares lots at the same location. */
  readonly location?: string;
}

export interface BomLine {
  readonly itemId: ItemId;
  readonly qtyPer: number;
  readonly slot?: string;
  /** Items the BOM allows in place of `itemId` on this line (and slot). */
  readonly alternates: readonly ItemId[];
}

export interface Bom {
  readonly bomId: BomId;
  readonly productItemId: ItemId;
  readonly revision: string;
  readonly lines: readonly BomLine[];
  /** Item (or allowed alternate) → the lines it may fill. */
  readonly byItem: ReadonlyMap<ItemId, readonly BomLine[]>;
  readonly bySlot: ReadonlyMap<string, BomLine>;
}

export type WorkOrderStatus = 'planned' | 'released' | 'running' | 'completed' | 'closed';

export interface WorkOrder {
  readonly workOrderId: WorkOrderId;
  readonly productItemId: ItemId;
  /** A BOM id names one revision: the work order is bound to it, not to the newest one. */
  readonly bomId: BomId;
  readonly quantity: number;
  readonly stationType: StationType;
  readonly status: WorkOrderStatus;
}

/** Cleanroom packing line: which finished lot the last signed clearance was for, and what is open. */
export interface PackingLine {
  readonly lineId: string;
  readonly clearedFor: LotId | null;
  readonly clearedAtMs: number | null;
  readonly openFinishedLots: readonly LotId[];
}

export interface Snapshot {
  readonly config: RulesConfig;
  readonly items: ReadonlyMap<ItemId, ItemInfo>;
  readonly itemIndex: ItemIndex;
  readonly lots: ReadonlyMap<LotId, LotInfo>;
  /** `supplierLotKey(item, supplier lot)` → lots received with it (usually one). */
  readonly lotsBySupplierLot: ReadonlyMap<string, readonly LotId[]>;
  /** Item → its lots in order of receipt (FIFO reads only this item's list). */
  readonly lotsByItem: ReadonlyMap<ItemId, readonly LotId[]>;
  readonly boms: ReadonlyMap<BomId, Bom>;
  readonly workOrders: ReadonlyMap<WorkOrderId, WorkOrder>;
  /** Lots with MSL events; a lot with a level and no entry is still sealed. */
  readonly msl: ReadonlyMap<LotId, MslState>;
  /** Paste lots with events; a paste lot with no entry is still in the fridge. */
  readonly paste: ReadonlyMap<LotId, PasteState>;
  readonly packingLines: ReadonlyMap<string, PackingLine>;
}

/** Supplier lots compare the way part numbers do: case and blanks do not count. */
export function supplierLotKey(itemId: string, supplierLot: string): string {
  return `${itemId}\u0000${supplierLot.toUpperCase().replace(/\s+/g, '')}`;
}
