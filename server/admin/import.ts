// Master-data import from CSV or JSON: every row is validated (fields, then references
// across the import and what is already held) before anything is written; one bad row and
// nothing is imported, and the answer lists every bad row with its line and field.
import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import { RoleSchema, StationTypeSchema } from '../../shared/domain/roles';
import { EVENT_PAYLOADS, ITEM_KINDS, MSL_LEVELS, PartMappingSchema } from '../../shared/events/types';
import { SERIAL_PREFIX_PATTERN } from '../../shared/rules/packing/serials';
import { IMPORT_KINDS, type ImportKind, type ImportResult, type ImportRowError } from '../../shared/sync/protocol';
import { hashSecret, verifySecret } from '../crypto';
import type { Db } from '../db/open';
import * as t from '../db/schema';
import { SyncError } from '../errors';
import { lockFeed, upsertMaster, type MasterUpsert } from '../master';
import { CsvError, parseCsv } from './csv';

/** Rows of one kind with the line each came from. */
export type ImportRows = Partial<Record<ImportKind, readonly { readonly line: number; readonly fields: Readonly<Record<string, unknown>> }[]>>;

const key = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'use letters, digits and . _ : - only');
const text = (max = 120) => z.string().trim().min(1).max(max);
const num = z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), z.number());
const int = z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), z.number().int());
const bool = z.preprocess((v) => (typeof v === 'string' ? ({ true: true, yes: true, '1': true, false: false, no: false, '0': false } as Record<string, boolean>)[v.trim().toLowerCase()] ?? v : v), z.boolean());
/** A list in CSV is `a|b|c`; in JSON an array. */
const list = <T extends z.ZodType>(el: T) => z.preprocess((v) => (typeof v === 'string' ? v.split('|').map((s) => s.trim()).filter(Boolean) : v), z.array(el));

const ROW_SCHEMAS = {
  stations: z.object({ stationId: key, name: text(64), type: StationTypeSchema, area: z.string().trim().max(64).default('') }),
  users: z
    .object({
      userId: key,
      name: text(120),
      badge: text(64),
      roles: list(RoleSchema).pipe(z.array(RoleSchema).min(1, 'at least one role')),
      pin: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().regex(/^\d{4,12}$/, 'a PIN is 4–12 digits')).optional(),
      pinHash: z.string().regex(/^scrypt\$/, 'a pinHash is an scrypt$… string').optional(),
      active: bool.default(true),
    })
    .refine((u) => (u.pin === undefined) !== (u.pinHash === undefined), { message: 'give exactly one of pin or pinHash', path: ['pin'] }),
  suppliers: z.object({ supplierId: key, name: text(120) }),
  items: z.object({
    itemId: key,
    name: text(120),
    kind: z.enum(ITEM_KINDS),
    uom: z.enum(['ea', 'g', 'kg', 'm', 'ml']),
    gtin: z.string().regex(/^\d{14}$/, 'a GTIN is 14 digits').optional(),
    msl: z.enum(MSL_LEVELS).optional(),
    shelfLifeDays: int.pipe(z.number().int().positive()).optional(),
    serialized: bool.optional(),
    serialPrefix: z.string().trim().regex(SERIAL_PREFIX_PATTERN, 'a serial prefix is 1–12 letters, digits or -').optional(),
  }).refine((i) => !i.serialized || i.serialPrefix !== undefined, { message: 'a serialized item needs a serialPrefix', path: ['serialPrefix'] }),
  part_mappings: PartMappingSchema.extend({ itemId: key }),
  boms: z.object({ bomId: key, productItemId: key, revision: text(32), itemId: key, qtyPer: num.pipe(z.number().positive()), slot: z.string().trim().max(32).optional(), alternates: list(key).optional() }),
  work_orders: z.object({
    workOrderId: key,
    productItemId: key,
    bomId: key,
    quantity: int.pipe(z.number().int().positive()),
    stationType: StationTypeSchema,
    status: EVENT_PAYLOADS['master.work_order.upserted'].shape.status,
    dueDate: z.iso.date().optional(),
  }),
} as const satisfies Record<ImportKind, z.ZodType>;

type Row<K extends ImportKind> = z.output<(typeof ROW_SCHEMAS)[K]> & { readonly line: number };

/** Reads a JSON bundle `{items: [...], ...}` (line = position in its array) or one CSV file of `kind`. */
export function rowsFromFile(content: string, format: 'json' | 'csv', kind?: ImportKind): ImportRows {
  if (format === 'csv') {
    if (!kind) throw new SyncError('invalid_body', `say which kind of rows this CSV holds (${IMPORT_KINDS.join(', ')})`);
    try {
      return { [kind]: parseCsv(content) };
    } catch (err) {
      if (err instanceof CsvError) throw new SyncError('invalid_rows', 'the CSV cannot be read', { rows: [{ kind, line: err.line, field: '(row)', message: err.message }] });
      throw err;
    }
  }
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (err) {
    throw new SyncError('invalid_body', `not JSON: ${(err as Error).message}`);
  }
  return rowsFromJson(data);
}

export function rowsFromJson(data: unknown): ImportRows {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new SyncError('invalid_body', `a JSON import is an object with arrays named ${IMPORT_KINDS.join(', ')}`);
  const out: Record<string, { line: number; fields: Record<string, unknown> }[]> = {};
  for (const [k, v] of Object.entries(data)) {
    if (!(IMPORT_KINDS as readonly string[]).includes(k)) throw new SyncError('invalid_body', `unknown import kind "${k}" (use ${IMPORT_KINDS.join(', ')})`);
    if (!Array.isArray(v)) throw new SyncError('invalid_body', `"${k}" must be an array of rows`);
    out[k] = v.map((fields: unknown, i) => ({ line: i + 1, fields: (typeof fields === 'object' && fields !== null ? fields : { '(row)': fields }) as Record<string, unknown> }));
  }
  return out as ImportRows;
}

/** Validates everything, then writes everything in one transaction. Throws `invalid_rows` listing every bad row. */
export async function importMasterData(db: Db, input: ImportRows, onMasterChange?: () => void): Promise<ImportResult> {
  const errors: ImportRowError[] = [];
  const bad = (kind: ImportKind, line: number, field: string, message: string) => errors.push({ kind, line, field, message });

  const parsed = {} as { [K in ImportKind]: Row<K>[] };
  for (const kind of IMPORT_KINDS) {
    const rows: unknown[] = [];
    for (const r of input[kind] ?? []) {
      const res = ROW_SCHEMAS[kind].safeParse(r.fields);
      if (res.success) rows.push({ ...res.data, line: r.line });
      else for (const i of res.error.issues) bad(kind, r.line, i.path.map(String).join('.') || '(row)', i.message);
    }
    (parsed as Record<ImportKind, unknown[]>)[kind] = rows;
  }

  // References: to rows of this import or to records already held.
  const ids = (kind: 'items' | 'boms' | 'stations' | 'users' | 'suppliers', field: string) => new Set(parsed[kind].map((r) => (r as Record<string, unknown>)[field] as string));
  const itemIds = ids('items', 'itemId');
  const bomIds = ids('boms', 'bomId');
  const referencedItems = [...parsed.part_mappings.map((r) => r.itemId), ...parsed.boms.flatMap((r) => [r.productItemId, r.itemId, ...(r.alternates ?? [])]), ...parsed.work_orders.map((r) => r.productItemId)];
  const heldItems = new Map<string, unknown>();
  const missingItems = [...new Set(referencedItems.filter((i) => !itemIds.has(i)))];
  if (missingItems.length) for (const r of await db.select({ id: t.items.itemId, p: t.items.payload }).from(t.items).where(inArray(t.items.itemId, missingItems))) heldItems.set(r.id, r.p);
  const missingBoms = [...new Set(parsed.work_orders.map((r) => r.bomId).filter((b) => !bomIds.has(b)))];
  const heldBoms = new Set(missingBoms.length ? (await db.select({ id: t.boms.bomId }).from(t.boms).where(inArray(t.boms.bomId, missingBoms))).map((r) => r.id) : []);
  const itemKnown = (i: string) => itemIds.has(i) || heldItems.has(i);
  for (const r of parsed.part_mappings) if (!itemKnown(r.itemId)) bad('part_mappings', r.line, 'itemId', `item ${r.itemId} is neither in this import nor in the master data`);
  for (const r of parsed.boms)
    for (const f of ['productItemId', 'itemId'] as const) if (!itemKnown(r[f])) bad('boms', r.line, f, `item ${r[f]} is neither in this import nor in the master data`);
  for (const r of parsed.work_orders) {
    if (!itemKnown(r.productItemId)) bad('work_orders', r.line, 'productItemId', `item ${r.productItemId} is neither in this import nor in the master data`);
    if (!bomIds.has(r.bomId) && !heldBoms.has(r.bomId)) bad('work_orders', r.line, 'bomId', `BOM ${r.bomId} is neither in this import nor in the master data`);
  }
  const seen = new Map<string, number>();
  for (const kind of ['stations', 'users', 'suppliers', 'items', 'work_orders'] as const) {
    seen.clear();
    const field = { stations: 'stationId', users: 'userId', suppliers: 'supplierId', items: 'itemId', work_orders: 'workOrderId' }[kind];
    for (const r of parsed[kind] as { line: number }[]) {
      const id = (r as Record<string, unknown>)[field] as string;
      if (seen.has(id)) bad(kind, r.line, field, `${id} appears twice (first on line ${seen.get(id)})`);
      else seen.set(id, r.line);
    }
  }
  const badges = new Map<string, number>();
  for (const r of parsed.users) {
    if (badges.has(r.badge)) bad('users', r.line, 'badge', `badge ${r.badge} is already on line ${badges.get(r.badge)}`);
    badges.set(r.badge, r.line);
  }
  if (errors.length) {
    errors.sort((a, b) => IMPORT_KINDS.indexOf(a.kind) - IMPORT_KINDS.indexOf(b.kind) || a.line - b.line);
    throw new SyncError('invalid_rows', `${errors.length} problem(s) in ${new Set(errors.map((e) => `${e.kind}:${e.line}`)).size} row(s); nothing was imported`, { rows: errors });
  }

  // PIN hashing is slow by design: done before the transaction opens.
  // A PIN that still verifies against the held hash keeps that hash, so re-importing the same file changes nothing.
  const pinUsers = parsed.users.filter((u) => u.pin !== undefined).map((u) => u.userId);
  const heldPins = new Map(pinUsers.length ? (await db.select({ id: t.users.userId, h: t.users.pinHash }).from(t.users).where(inArray(t.users.userId, pinUsers))).map((r) => [r.id, r.h]) : []);
  const users = await Promise.all(
    parsed.users.map(async (u) => {
      const held = heldPins.get(u.userId);
      const pinHash = u.pinHash ?? (held && (await verifySecret(u.pin!, held)) ? held : await hashSecret(u.pin!));
      return { userId: u.userId, name: u.name, badge: u.badge, roles: u.roles, pinHash, active: u.active };
    }),
  );

  const upserts: MasterUpsert[] = [
    ...parsed.stations.map((s) => ({ type: 'master.station.upserted' as const, payload: { stationId: s.stationId, name: s.name, type: s.type, area: s.area } })),
    ...users.map((payload) => ({ type: 'master.user.upserted' as const, payload })),
    ...parsed.suppliers.map((s) => ({ type: 'master.supplier.upserted' as const, payload: { supplierId: s.supplierId, name: s.name } })),
  ];
  // Items carry their part mappings: mappings in this import replace an item's mappings.
  const mappings = new Map<string, z.output<typeof PartMappingSchema>[]>();
  for (const m of parsed.part_mappings) mappings.set(m.itemId, [...(mappings.get(m.itemId) ?? []), { kind: m.kind, owner: m.owner, part: m.part }]);
  for (const i of parsed.items) {
    const { line: _line, ...fields } = i;
    upserts.push({ type: 'master.item.upserted', payload: { ...fields, partMappings: mappings.get(i.itemId) ?? [] } });
    mappings.delete(i.itemId);
  }
  for (const [itemId, m] of mappings) upserts.push({ type: 'master.item.upserted', payload: { ...(heldItems.get(itemId) as EventPayloadItem), partMappings: m } });
  const bomGroups = new Map<string, Row<'boms'>[]>();
  for (const b of parsed.boms) bomGroups.set(`${b.bomId}\u0000${b.revision}`, [...(bomGroups.get(`${b.bomId}\u0000${b.revision}`) ?? []), b]);
  for (const lines of bomGroups.values()) {
    const h = lines[0]!;
    upserts.push({
      type: 'master.bom.upserted',
      payload: {
        bomId: h.bomId,
        productItemId: h.productItemId,
        revision: h.revision,
        lines: lines.map((l) => ({ itemId: l.itemId, qtyPer: l.qtyPer, ...(l.slot ? { slot: l.slot } : {}), ...(l.alternates?.length ? { alternates: l.alternates } : {}) })),
      },
    });
  }
  for (const w of parsed.work_orders) {
    const { line: _line, ...payload } = w;
    upserts.push({ type: 'master.work_order.upserted', payload });
  }

  const changed = await db.transaction(async (tx) => {
    await lockFeed(tx, 'master_changes');
    let n = 0;
    for (const u of upserts) if (await upsertMaster(tx, u)) n++;
    return n;
  });
  if (changed) onMasterChange?.();
  return { counts: Object.fromEntries(IMPORT_KINDS.map((k) => [k, parsed[k].length])), changed };
}

type EventPayloadItem = z.output<(typeof EVENT_PAYLOADS)['master.item.upserted']>;
