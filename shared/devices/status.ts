// What the UI and the runtime both say about a device: its role, its live state and why it
// is not usable. The runtime emits these; the UI only renders them.
import { z } from 'zod';

export const DeviceRole = z.enum(['scanner', 'scale', 'labelPrinter', 'ticketPrinter']);
export type DeviceRole = z.infer<typeof DeviceRole>;

/** Why a device is not `ok`. Stable codes: the UI translates them, logs and tests match on them. */
export const DeviceErrorCode = z.enum([
  'disconnected', // port vanished, connection refused or dropped
  'unplugged', // the USB device of a bound role was detached (hot-plug); reopened when it returns
  'timeout', // the device did not answer in time
  'silent', // a printer that never answers status requests: state unknown, not an error of ours
  'garbage', // bytes that do not parse in the device's protocol
  'truncated', // a frame that stopped before its terminator
  'overlong', // a frame longer than the protocol allows (bounded buffer)
  'command_rejected', // the device answered with an error (MT-SICS ES/ET/EL, ...)
  'not_executable', // the device refused now (busy, unstable, out of range)
  'overload',
  'underload',
  'unstable', // no stable reading within the deadline
  'paper_out',
  'ribbon_out',
  'head_open',
  'paused',
  'buffer_full',
  'over_temperature',
  'under_temperature',
  'corrupt_ram',
  'io', // any other I/O failure; see message
]);
export type DeviceErrorCode = z.infer<typeof DeviceErrorCode>;

export const DeviceRef = z.object({
  role: DeviceRole,
  /** The device address as configured (see uri.ts). */
  uri: z.string(),
});
export type DeviceRef = z.infer<typeof DeviceRef>;

export const DeviceState = z.discriminatedUnion('state', [
  z.object({ state: z.literal('not_configured') }),
  z.object({ state: z.literal('ok') }),
  z.object({ state: z.literal('busy'), what: z.string().optional() }),
  z.object({ state: z.literal('error'), code: DeviceErrorCode, message: z.string() }),
]);
export type DeviceState = z.infer<typeof DeviceState>;

export const DeviceStatus = z.object({
  device: DeviceRef,
  status: DeviceState,
  since: z.number(),
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;

export const WeightUnit = z.enum(['g', 'kg', 'mg', 'lb', 'oz', 'ct']);
export type WeightUnit = z.infer<typeof WeightUnit>;

export const GRAMS_PER: Readonly<Record<WeightUnit, number>> = {
  g: 1,
  kg: 1000,
  mg: 0.001,
  lb: 453.59237,
  oz: 28.349523125,
  ct: 0.2,
};

export const ScaleReading = z.object({
  /** Net weight in grams (what rules compute with), whatever unit the scale displays; null out of range. */
  grams: z.number().nullable(),
  /** What the scale displayed, for the record; null out of range. */
  value: z.number().nullable(),
  unit: WeightUnit,
  stable: z.boolean(),
  range: z.enum(['ok', 'overload', 'underload']),
  receivedAt: z.number(),
});
export type ScaleReading = z.infer<typeof ScaleReading>;

export const ScanEvent = z.object({
  text: z.string(),
  /** AIM symbology identifier such as "]C1", when the scanner sends one and it is enabled. */
  symbologyId: z.string().optional(),
  source: DeviceRef,
  receivedAt: z.number(),
});
export type ScanEvent = z.infer<typeof ScanEvent>;

export const okState: DeviceState = { state: 'ok' };
export const errorState = (code: DeviceErrorCode, message: string): DeviceState => ({ state: 'error', code, message });
