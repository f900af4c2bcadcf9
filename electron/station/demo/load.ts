// Loads the demo floor through the runtime's command path, so every record is an event in
// the audit trail (including QA's signed lot releases), exactly as real data would be.
import type { StationType } from '../../../shared/domain/roles';
import { DEFAULT_KDF, hashPin } from '../auth/pin';
import type { StationRuntime } from '../runtime/runtime';
import { demoLabels } from './demo-labels';
import type { MasterRecord } from '../runtime/internal-contract';
import { DEMO_BOMS, DEMO_DATASET, DEMO_ITEMS, DEMO_LOTS, DEMO_PASTE_LOT, DEMO_PASTE_THAWED_H, DEMO_RELEASER, DEMO_SERIAL_BLOCKS, DEMO_STATIONS, DEMO_SUPPLIERS, DEMO_USERS, DEMO_WORK_ORDERS } from './demo-data';

export function demoHints() {
  return { hints: DEMO_USERS.map((u) => ({ badge: u.badge, pin: u.pin, name: u.name, roles: [...u.roles] })), labels: demoLabels() };
}

export async function loadDemo(rt: StationRuntime, opts: { stationType?: StationType; now?: number; kdf?: { N: number; r: number; p: number } } = {}): Promise<void> {
  const now = opts.now ?? Date.now();
  const kdf = opts.kdf ?? DEFAULT_KDF;
  const users = await Promise.all(
    DEMO_USERS.map(async (u) => ({ type: 'master.user.upserted' as const, payload: { userId: u.userId, name: u.name, badge: u.badge, roles: [...u.roles], pinHash: await hashPin(u.pin, kdf), active: true } })),
  );
  const records: MasterRecord[] = [
    ...users,
    ...DEMO_STATIONS.map((payload) => ({ type: 'master.station.upserted' as const, payload })),
    ...DEMO_SUPPLIERS.map((payload) => ({ type: 'master.supplier.upserted' as const, payload })),
    ...DEMO_ITEMS.map((payload) => ({ type: 'master.item.upserted' as const, payload })),
    ...DEMO_BOMS.map((payload) => ({ type: 'master.bom.upserted' as const, payload })),
    ...DEMO_WORK_ORDERS.map((payload) => ({ type: 'master.work_order.upserted' as const, payload })),
  ];
  await rt.system('master.apply', { records });

  const type = opts.stationType ?? 'smt';
  const self = DEMO_STATIONS.find((s) => s.type === type)!;
  if (!rt.status().station) await rt.system('station.configure_initial', { name: self.name, type: self.type, area: self.area, idleLockMinutes: 15 });

  const releaser = { userId: DEMO_RELEASER.userId, name: DEMO_RELEASER.name, roles: [...DEMO_RELEASER.roles] };
  for (const d of DEMO_LOTS) {
    const expiry = d.expiresInDays === undefined ? undefined : new Date(now + d.expiresInDays * 86_400_000).toISOString().slice(0, 10);
    await rt.system('lot.receive', { ...d.lot, ...(expiry ? { expiry } : {}) });
    if (d.release) {
      await rt.system(
        'lot.release',
        { lotId: d.lot.lotId, signature: { badge: DEMO_RELEASER.badge, pin: DEMO_RELEASER.pin, meaning: 'approved', reason: 'Incoming inspection passed (demo data)' } },
        releaser,
      );
    }
  }
  // The demo's paste jar came out of the fridge before the shift: thawed, ready for the printer.
  await rt.system('material.paste', { kind: 'fridge_out', lotId: DEMO_PASTE_LOT, at: new Date(now - DEMO_PASTE_THAWED_H * 3_600_000).toISOString() });
  for (const b of DEMO_SERIAL_BLOCKS) {
    await rt.system('serial.record_block', { ...b, allocatedAt: new Date(now).toISOString(), requestId: b.blockId });
  }
  // Simulated devices speak the real protocols over a pty or a TCP port, so a new user can
  // try every device without hardware (the scanner simulator is driven by the virtual scanner).
  for (const [role, uri] of [['scanner', 'sim:scanner'], ['scale', 'sim:scale'], ['labelPrinter', 'sim:zebra'], ['ticketPrinter', 'sim:escpos']] as const) {
    await rt.system('devices.configure', { role, uri });
  }
  await rt.system('demo.mark_loaded', { dataset: DEMO_DATASET.name, version: DEMO_DATASET.version });
  rt.setDemoHints(demoHints());
}
