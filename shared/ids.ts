// Branded identifiers: a lot id cannot be passed where a station id is expected.
import { z } from 'zod';

export type Brand<T, B extends string> = T & { readonly __brand: B };

export type StationId = Brand<string, 'StationId'>;
export type UserId = Brand<string, 'UserId'>;
export type EventId = Brand<string, 'EventId'>;
export type ItemId = Brand<string, 'ItemId'>;
export type LotId = Brand<string, 'LotId'>;
export type SupplierId = Brand<string, 'SupplierId'>;
export type WorkOrderId = Brand<string, 'WorkOrderId'>;
export type BomId = Brand<string, 'BomId'>;

/** Master-data keys: short, printable, stable (they appear on labels and in URLs). */
const key = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'use letters, digits and . _ : - only');

export const StationIdSchema = key.transform((s) => s as StationId);
export const UserIdSchema = key.transform((s) => s as UserId);
export const ItemIdSchema = key.transform((s) => s as ItemId);
export const LotIdSchema = key.transform((s) => s as LotId);
export const SupplierIdSchema = key.transform((s) => s as SupplierId);
export const WorkOrderIdSchema = key.transform((s) => s as WorkOrderId);
export const BomIdSchema = key.transform((s) => s as BomId);
export const EventIdSchema = z.uuid().transform((s) => s as EventId);
