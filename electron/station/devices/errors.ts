// The one error type device code throws and emits, so callers branch on a stable code.
import type { DeviceErrorCode } from '../../../shared/devices/status';

export class DeviceError extends Error {
  constructor(
    readonly code: DeviceErrorCode,
    message: string,
    /** Bytes involved, hex-escaped, for the log (bounded by the framer). */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'DeviceError';
  }
}

export function asDeviceError(err: unknown, fallback: DeviceErrorCode = 'io'): DeviceError {
  if (err instanceof DeviceError) return err;
  return new DeviceError(fallback, err instanceof Error ? err.message : String(err));
}

/** Printable rendering of device bytes for messages: control and non-ASCII bytes as \xNN, capped. */
export function showBytes(bytes: Uint8Array, max = 64): string {
  let out = '';
  for (const b of bytes.subarray(0, max)) out += b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
  return bytes.length > max ? `${out}… (${bytes.length} bytes)` : out;
}

/**
 * A label job that failed to send. `mayHavePrinted` is false only when no byte can have
 * reached the device: the print queue re-queues those and holds every other one as uncertain.
 */
export class SendError extends DeviceError {
  constructor(
    code: DeviceErrorCode,
    message: string,
    readonly mayHavePrinted: boolean,
  ) {
    super(code, message);
    this.name = 'SendError';
  }
}
