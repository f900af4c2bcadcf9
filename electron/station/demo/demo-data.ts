// A coherent demo floor: a medical molding + cleanroom packing family and an SMT controller
// board, with the people, stations, suppliers, BOM revisions, work orders and material lots
// a new user needs to try every station type. Dates are relative to the load time.
import type { EventPayload } from '../../../shared/events/types';
import type { Role } from '../../../shared/domain/roles';

export const DEMO_DATASET = { name: 'lotline-demo', version: 1 } as const;

export interface DemoUser {
  readonly userId: string;
  readonly name: string;
  readonly badge: string;
  readonly pin: string;
  readonly roles: readonly Role[];
}

export const DEMO_USERS: readonly DemoUser[] = [
  { userId: 'u-olivia', name: 'Olivia Ortiz', badge: 'OP-100', pin: '1111', roles: ['operator'] },
  { userId: 'u-sam', name: 'Sam Nguyen', badge: 'OP-101', pin: '1112', roles: ['operator'] },
  { userId: 'u-priya', name: 'Priya Shah', badge: 'PK-200', pin: '2222', roles: ['packer'] },
  { userId: 'u-lee', name: 'Lee Martin', badge: 'PK-201', pin: '2223', roles: ['packer'] },
  { userId: 'u-sofia', name: 'Sofia Rossi', badge: 'SV-300', pin: '3333', roles: ['supervisor'] },
  { userId: 'u-quinn', name: 'Quinn Okafor', badge: 'QA-400', pin: '4444', roles: ['qa'] },
  { userId: 'u-ada', name: 'Ada Keller', badge: 'AD-500', pin: '5555', roles: ['admin'] },
];

export const DEMO_STATIONS: ReadonlyArray<EventPayload<'master.station.upserted'>> = [
  { stationId: 'RCV-01', name: 'Receiving 1', type: 'receiving', area: 'Warehouse' },
  { stationId: 'SMT-01', name: 'SMT line 1', type: 'smt', area: 'SMT1' }, // the area is the line of its slot labels (LL-SLOT-SMT1-…)
  { stationId: 'MLD-01', name: 'Molding cell 1', type: 'molding', area: 'Molding' },
  { stationId: 'PCK-01', name: 'Cleanroom packing 1', type: 'packing', area: 'CR1' },
  { stationId: 'SUP-01', name: 'Supervisor desk', type: 'supervisor', area: 'Office' },
];

export const DEMO_SUPPLIERS: ReadonlyArray<EventPayload<'master.supplier.upserted'>> = [
  { supplierId: 'SUP-DIGIKEY', name: 'Digi-Key Electronics' },
  { supplierId: 'SUP-MOUSER', name: 'Mouser Electronics' },
  { supplierId: 'SUP-LCSC', name: 'LCSC Electronics' },
  { supplierId: 'SUP-POLYMED', name: 'PolyMed Resins GmbH' },
  { supplierId: 'SUP-CLEANPACK', name: 'CleanPack Medical Packaging' },
];

type Item = EventPayload<'master.item.upserted'>;
export const DEMO_ITEMS: readonly Item[] = [
  // SMT controller board
  { itemId: 'RES-10K-0603', name: 'Resistor 10 kΩ 1% 0603', kind: 'component', uom: 'ea', msl: '1', partMappings: [{ kind: 'manufacturer', owner: 'YAGEO', part: 'RC0603FR-0710KL' }, { kind: 'supplier', owner: 'SUP-DIGIKEY', part: '311-10.0KHRCT-ND' }] },
  { itemId: 'CAP-100N-0402', name: 'Capacitor 100 nF X7R 0402', kind: 'component', uom: 'ea', msl: '1', shelfLifeDays: 730, partMappings: [{ kind: 'manufacturer', owner: 'MURATA', part: 'GRM155R71C104KA88D' }, { kind: 'supplier', owner: 'SUP-MOUSER', part: '81-GRM155R71C104KA8D' }] },
  { itemId: 'MCU-RP2040', name: 'Microcontroller RP2040 QFN-56', kind: 'component', uom: 'ea', msl: '3', partMappings: [{ kind: 'manufacturer', owner: 'RPI', part: 'RP2040' }, { kind: 'supplier', owner: 'SUP-LCSC', part: 'C2040' }] },
  { itemId: 'LED-GRN-0603', name: 'LED green 0603', kind: 'component', uom: 'ea', msl: '2a', partMappings: [{ kind: 'manufacturer', owner: 'LITEON', part: 'LTST-C191KGKT' }, { kind: 'supplier', owner: 'SUP-DIGIKEY', part: '160-1446-1-ND' }] },
  { itemId: 'LED-GRN-0603-ALT', name: 'LED green 0603 (alternate)', kind: 'component', uom: 'ea', msl: '2a', partMappings: [{ kind: 'manufacturer', owner: 'KINGBRIGHT', part: 'APT1608SGC' }] },
  { itemId: 'LDO-3V3-SOT23', name: 'LDO regulator 3.3 V SOT-23-5', kind: 'component', uom: 'ea', msl: '3', partMappings: [{ kind: 'manufacturer', owner: 'TI', part: 'TLV75533PDBVR' }, { kind: 'supplier', owner: 'SUP-DIGIKEY', part: '296-TLV75533PDBVRCT-ND' }] },
  { itemId: 'PASTE-SAC305', name: 'Solder paste SAC305 T4 500 g', kind: 'solder_paste', uom: 'g', shelfLifeDays: 180, partMappings: [] },
  { itemId: 'PCB-CTRL-A', name: 'Bare PCB controller A', kind: 'pcb', uom: 'ea', shelfLifeDays: 365, partMappings: [] },
  { itemId: 'ASSY-CTRL-A', name: 'Controller board A, assembled', kind: 'finished_good', uom: 'ea', partMappings: [] },
  // Medical molding and cleanroom packing
  { itemId: 'RESIN-PC-MED', name: 'Polycarbonate resin, medical grade (kg)', kind: 'resin', uom: 'kg', shelfLifeDays: 730, partMappings: [{ kind: 'supplier', owner: 'SUP-POLYMED', part: 'PM-PC2458-MED' }] },
  { itemId: 'MP-LUER-CAP', name: 'Luer cap, molded', kind: 'molded_part', uom: 'ea', partMappings: [] },
  { itemId: 'PKG-POUCH', name: 'Peel pouch, medical paper/film', kind: 'packaging', uom: 'ea', shelfLifeDays: 1095, partMappings: [{ kind: 'supplier', owner: 'SUP-CLEANPACK', part: 'CP-PP-120x80' }] },
  { itemId: 'PKG-LID', name: 'Tyvek lid', kind: 'packaging', uom: 'ea', shelfLifeDays: 1095, partMappings: [{ kind: 'supplier', owner: 'SUP-CLEANPACK', part: 'CP-TYV-LID-80' }] },
  { itemId: 'PKG-CARTON-10', name: 'Carton for 10 units', kind: 'packaging', uom: 'ea', partMappings: [] },
  { itemId: 'PKG-IFU-EN', name: 'Instructions for use, EN rev 3', kind: 'packaging', uom: 'ea', partMappings: [] },
  { itemId: 'FG-LUER-CAP-STERILE', name: 'Sterile luer cap, box of 10', kind: 'finished_good', uom: 'ea', gtin: '09506000134352', shelfLifeDays: 1825, partMappings: [{ kind: 'customer', owner: 'MEDIDIST', part: 'MD-LC-10' }] },
  // Serialized: each single cap packed gets a serial (LCS0000001…) for its UDI label.
  { itemId: 'FG-LUER-CAP-SINGLE', name: 'Sterile luer cap, single', kind: 'finished_good', uom: 'ea', gtin: '09506000134369', shelfLifeDays: 1825, serialized: true, serialPrefix: 'LCS', partMappings: [] },
];

export const DEMO_BOMS: ReadonlyArray<EventPayload<'master.bom.upserted'>> = [
  {
    bomId: 'BOM-CTRL-A-B', productItemId: 'ASSY-CTRL-A', revision: 'B',
    lines: [
      // The bare board at the loader and the paste at the printer are line positions too: both
      // are verified before the line starts, the paste with its thaw and open-time checks.
      { itemId: 'PCB-CTRL-A', qtyPer: 1, slot: 'LOADER' },
      { itemId: 'PASTE-SAC305', qtyPer: 0.8, slot: 'PRINTER' },
      { itemId: 'RES-10K-0603', qtyPer: 6, slot: 'F01' },
      { itemId: 'CAP-100N-0402', qtyPer: 12, slot: 'F02' },
      { itemId: 'MCU-RP2040', qtyPer: 1, slot: 'F03' },
      { itemId: 'LED-GRN-0603', qtyPer: 2, slot: 'F04' },
      { itemId: 'LDO-3V3-SOT23', qtyPer: 1, slot: 'F05' },
    ],
  },
  {
    bomId: 'BOM-CTRL-A-C', productItemId: 'ASSY-CTRL-A', revision: 'C',
    lines: [
      // The bare board at the loader and the paste at the printer are line positions too: both
      // are verified before the line starts, the paste with its thaw and open-time checks.
      { itemId: 'PCB-CTRL-A', qtyPer: 1, slot: 'LOADER' },
      { itemId: 'PASTE-SAC305', qtyPer: 0.8, slot: 'PRINTER' },
      { itemId: 'RES-10K-0603', qtyPer: 8, slot: 'F01' },
      { itemId: 'CAP-100N-0402', qtyPer: 12, slot: 'F02' },
      { itemId: 'MCU-RP2040', qtyPer: 1, slot: 'F03' },
      { itemId: 'LED-GRN-0603', qtyPer: 2, slot: 'F04', alternates: ['LED-GRN-0603-ALT'] },
      { itemId: 'LDO-3V3-SOT23', qtyPer: 1, slot: 'F05' },
    ],
  },
  { bomId: 'BOM-LUER-CAP-A', productItemId: 'MP-LUER-CAP', revision: 'A', lines: [{ itemId: 'RESIN-PC-MED', qtyPer: 0.0021 }] },
  {
    bomId: 'BOM-FG-LUER-10-A', productItemId: 'FG-LUER-CAP-STERILE', revision: 'A',
    lines: [
      { itemId: 'MP-LUER-CAP', qtyPer: 10 },
      { itemId: 'PKG-POUCH', qtyPer: 10 },
      { itemId: 'PKG-LID', qtyPer: 10 },
      { itemId: 'PKG-CARTON-10', qtyPer: 1 },
      { itemId: 'PKG-IFU-EN', qtyPer: 1 },
    ],
  },
  {
    bomId: 'BOM-FG-LUER-1-A', productItemId: 'FG-LUER-CAP-SINGLE', revision: 'A',
    lines: [
      { itemId: 'MP-LUER-CAP', qtyPer: 1 },
      { itemId: 'PKG-POUCH', qtyPer: 1 },
      { itemId: 'PKG-LID', qtyPer: 1 },
    ],
  },
];

export const DEMO_WORK_ORDERS: ReadonlyArray<EventPayload<'master.work_order.upserted'>> = [
  { workOrderId: 'WO-24001', productItemId: 'ASSY-CTRL-A', bomId: 'BOM-CTRL-A-C', quantity: 50, stationType: 'smt', status: 'released' },
  { workOrderId: 'WO-24002', productItemId: 'MP-LUER-CAP', bomId: 'BOM-LUER-CAP-A', quantity: 20000, stationType: 'molding', status: 'released' },
  { workOrderId: 'WO-24003', productItemId: 'FG-LUER-CAP-STERILE', bomId: 'BOM-FG-LUER-10-A', quantity: 200, stationType: 'packing', status: 'released' },
  { workOrderId: 'WO-24004', productItemId: 'FG-LUER-CAP-SINGLE', bomId: 'BOM-FG-LUER-1-A', quantity: 500, stationType: 'packing', status: 'released' },
];

/**
 * Serial numbers the demo station holds for its serialized product, as if the central server
 * had assigned the block when the station was enrolled (a demo store has no server): recorded
 * through the same serial.record_block step the sync client uses.
 */
export const DEMO_SERIAL_BLOCKS: ReadonlyArray<{ readonly blockId: string; readonly itemId: string; readonly first: number; readonly last: number }> = [
  { blockId: 'demo-FG-LUER-CAP-SINGLE-1', itemId: 'FG-LUER-CAP-SINGLE', first: 1, last: 5000 },
];

export interface DemoLot {
  readonly lot: Omit<EventPayload<'lot.received'>, 'expiry'>;
  /** Days from load time; negative = already expired. */
  readonly expiresInDays?: number;
  /** Released by QA with a signature; otherwise left in quarantine. */
  readonly release: boolean;
}

/** The paste jar the demo loads at the printer, out of the fridge this long before the demo was loaded (thawed: 4 h at least). */
export const DEMO_PASTE_LOT = 'L-100008';
export const DEMO_PASTE_THAWED_H = 6;

export const DEMO_LOTS: readonly DemoLot[] = [
  { lot: { lotId: 'L-100001', itemId: 'RES-10K-0603', supplierId: 'SUP-DIGIKEY', supplierLot: 'DK2419A', quantity: 5000, uom: 'ea', msl: '1', dateCode: '2419' }, release: true },
  { lot: { lotId: 'L-100002', itemId: 'CAP-100N-0402', supplierId: 'SUP-MOUSER', supplierLot: 'MU88213', quantity: 10000, uom: 'ea', msl: '1', dateCode: '2541' }, expiresInDays: 400, release: true },
  { lot: { lotId: 'L-100003', itemId: 'CAP-100N-0402', supplierId: 'SUP-MOUSER', supplierLot: 'MU77002', quantity: 800, uom: 'ea', msl: '1', dateCode: '2302' }, expiresInDays: -12, release: true },
  { lot: { lotId: 'L-100004', itemId: 'MCU-RP2040', supplierId: 'SUP-LCSC', supplierLot: 'LC2207080016', quantity: 500, uom: 'ea', msl: '3', dateCode: '2405' }, release: true },
  { lot: { lotId: 'L-100005', itemId: 'MCU-RP2040', supplierId: 'SUP-LCSC', supplierLot: 'LC2309110042', quantity: 500, uom: 'ea', msl: '3', dateCode: '2436' }, release: false },
  { lot: { lotId: 'L-100006', itemId: 'LED-GRN-0603', supplierId: 'SUP-DIGIKEY', supplierLot: 'DK2433L', quantity: 3000, uom: 'ea', msl: '2a', dateCode: '2433' }, release: true },
  { lot: { lotId: 'L-100007', itemId: 'LDO-3V3-SOT23', supplierId: 'SUP-DIGIKEY', supplierLot: 'DK2428T', quantity: 1000, uom: 'ea', msl: '3', dateCode: '2428' }, release: true },
  { lot: { lotId: 'L-100008', itemId: 'PASTE-SAC305', supplierId: 'SUP-DIGIKEY', supplierLot: 'SP-55120', quantity: 500, uom: 'g' }, expiresInDays: 120, release: true },
  { lot: { lotId: 'L-100009', itemId: 'PCB-CTRL-A', quantity: 60, uom: 'ea', supplierLot: 'PCB-2444-07' }, expiresInDays: 300, release: true },
  // A second capacitor reel, newer than L-100002: what an SMT operator splices on (issue 6).
  { lot: { lotId: 'L-100011', itemId: 'CAP-100N-0402', supplierId: 'SUP-MOUSER', supplierLot: 'MU90001', quantity: 10000, uom: 'ea', msl: '1', dateCode: '2502' }, expiresInDays: 500, release: true },
  { lot: { lotId: 'L-200001', itemId: 'RESIN-PC-MED', supplierId: 'SUP-POLYMED', supplierLot: 'PM24-3391', quantity: 500, uom: 'kg' }, expiresInDays: 600, release: true },
  { lot: { lotId: 'L-200002', itemId: 'RESIN-PC-MED', supplierId: 'SUP-POLYMED', supplierLot: 'PM24-3402', quantity: 500, uom: 'kg' }, expiresInDays: 620, release: true },
  { lot: { lotId: 'L-300001', itemId: 'PKG-POUCH', supplierId: 'SUP-CLEANPACK', supplierLot: 'CP-P-7781', quantity: 5000, uom: 'ea' }, expiresInDays: 900, release: true },
  { lot: { lotId: 'L-300002', itemId: 'PKG-LID', supplierId: 'SUP-CLEANPACK', supplierLot: 'CP-L-2210', quantity: 5000, uom: 'ea' }, expiresInDays: 900, release: true },
  { lot: { lotId: 'L-300003', itemId: 'PKG-CARTON-10', supplierLot: 'CT-0925', quantity: 600, uom: 'ea' }, release: true },
  { lot: { lotId: 'L-300004', itemId: 'PKG-IFU-EN', supplierLot: 'IFU-EN-R3-11', quantity: 600, uom: 'ea' }, release: true },
];

/** The QA person who releases demo lots, with a real signature through the normal path. */
export const DEMO_RELEASER = DEMO_USERS.find((u) => u.roles.includes('qa'))!;
