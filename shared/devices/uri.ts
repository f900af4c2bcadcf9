// Device addresses as URIs: one string in configuration names the transport and its settings,
// and parsing rejects a bad address with a message that names the wrong part.
import { z } from 'zod';

export const Terminator = z.enum(['CR', 'LF', 'CRLF', 'none']);
export type Terminator = z.infer<typeof Terminator>;

export const Parity = z.enum(['none', 'even', 'odd', 'mark', 'space']);
export type Parity = z.infer<typeof Parity>;

/** What a serial scale speaks: MT-SICS commands (default) or the Toledo continuous stream. */
export const ScaleProtocol = z.enum(['mtsics', 'toledo']);
export type ScaleProtocol = z.infer<typeof ScaleProtocol>;

export const SimKind = z.enum(['scale', 'scanner', 'zebra', 'escpos']);
export type SimKind = z.infer<typeof SimKind>;

const SerialDeviceUri = z.object({
  kind: z.literal('serial'),
  path: z.string().min(1),
  baudRate: z.number().int().positive(),
  dataBits: z.union([z.literal(5), z.literal(6), z.literal(7), z.literal(8)]),
  stopBits: z.union([z.literal(1), z.literal(1.5), z.literal(2)]),
  parity: Parity,
  terminator: Terminator,
  /** Idle gap that ends a frame when terminator is `none`, and flushes a truncated frame otherwise. */
  idleMs: z.number().int().positive(),
  /** Only for scales; absent means MT-SICS. */
  protocol: ScaleProtocol.optional(),
});
const TcpDeviceUri = z.object({
  kind: z.literal('tcp'),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
});
const UsbDeviceUri = z.object({
  kind: z.literal('usb'),
  vendorId: z.number().int().min(0).max(0xffff),
  productId: z.number().int().min(0).max(0xffff),
  serial: z.string().min(1).optional(),
});
/** A USB printer through the kernel's usblp character device (Linux `/dev/usb/lp0`). */
const UsbLpDeviceUri = z.object({
  kind: z.literal('usblp'),
  path: z.string().min(1),
});
const HidDeviceUri = z.object({
  kind: z.literal('hid'),
  vendorId: z.number().int().min(0).max(0xffff),
  productId: z.number().int().min(0).max(0xffff),
  serial: z.string().min(1).optional(),
  /** HID usage page, to pick one interface of a composite device (0x8c POS scanner, 0x8d scale). */
  usagePage: z.number().int().min(0).max(0xffff).optional(),
});
/** A keyboard wedge, captured in the UI by keystroke timing (see wedge.ts for the options). */
const WedgeDeviceUri = z.object({
  kind: z.literal('wedge'),
  maxGapMs: z.number().int().min(5).max(200),
  minLength: z.number().int().min(2).max(64),
  prefixKey: z.string().min(1).max(16).optional(),
  suffixKey: z.string().min(1).max(16).optional(),
});
export type WedgeDeviceUri = z.infer<typeof WedgeDeviceUri>;
export const WEDGE_DEFAULTS = { maxGapMs: 35, minLength: 4, suffixKey: 'Enter' } as const;
const SimDeviceUri = z.object({ kind: z.literal('sim'), sim: SimKind, name: z.string().optional() });

export const DeviceUri = z.discriminatedUnion('kind', [
  SerialDeviceUri,
  TcpDeviceUri,
  UsbDeviceUri,
  UsbLpDeviceUri,
  HidDeviceUri,
  WedgeDeviceUri,
  SimDeviceUri,
]);
export type DeviceUri = z.infer<typeof DeviceUri>;
export type SerialDeviceUri = z.infer<typeof SerialDeviceUri>;
export type TcpDeviceUri = z.infer<typeof TcpDeviceUri>;
export type UsbDeviceUri = z.infer<typeof UsbDeviceUri>;
export type HidDeviceUri = z.infer<typeof HidDeviceUri>;
export type UsbLpDeviceUri = z.infer<typeof UsbLpDeviceUri>;

export class DeviceUriError extends Error {
  constructor(readonly uri: string, readonly problem: string) {
    super(`bad device address "${uri}": ${problem}`);
    this.name = 'DeviceUriError';
  }
}

export const SERIAL_DEFAULTS = { baudRate: 9600, dataBits: 8, stopBits: 1, parity: 'none', terminator: 'CRLF', idleMs: 50 } as const;

type Query = Map<string, string>;

function splitQuery(uri: string, rest: string): { body: string; query: Query } {
  const q = rest.indexOf('?');
  const body = q < 0 ? rest : rest.slice(0, q);
  const query: Query = new Map();
  if (q >= 0) {
    for (const part of rest.slice(q + 1).split('&')) {
      if (!part) continue;
      const eq = part.indexOf('=');
      const key = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
      const value = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
      if (query.has(key)) throw new DeviceUriError(uri, `option "${key}" given twice`);
      query.set(key, value);
    }
  }
  return { body, query };
}

function takeInt(uri: string, query: Query, key: string, fallback: number): number {
  const raw = query.get(key);
  query.delete(key);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new DeviceUriError(uri, `option "${key}" must be a whole number, got "${raw}"`);
  return Number(raw);
}

function takeNumber(uri: string, query: Query, key: string, fallback: number): number {
  const raw = query.get(key);
  query.delete(key);
  if (raw === undefined) return fallback;
  if (!/^\d+(\.\d+)?$/.test(raw)) throw new DeviceUriError(uri, `option "${key}" must be a number, got "${raw}"`);
  return Number(raw);
}

function takeEnum<T extends string>(uri: string, query: Query, key: string, values: readonly T[], fallback: T): T {
  const raw = query.get(key);
  query.delete(key);
  if (raw === undefined) return fallback;
  const hit = values.find((v) => v.toLowerCase() === raw.toLowerCase());
  if (!hit) throw new DeviceUriError(uri, `option "${key}" must be one of ${values.join(', ')}, got "${raw}"`);
  return hit;
}

function noLeftovers(uri: string, query: Query): void {
  const left = [...query.keys()];
  if (left.length) throw new DeviceUriError(uri, `unknown option${left.length > 1 ? 's' : ''} ${left.map((k) => `"${k}"`).join(', ')}`);
}

function hex16(uri: string, raw: string | undefined, what: string): number {
  if (raw === undefined || !/^[0-9a-fA-F]{4}$/.test(raw)) throw new DeviceUriError(uri, `${what} must be 4 hex digits, got "${raw ?? ''}"`);
  return parseInt(raw, 16);
}

function validated(uri: string, value: unknown): DeviceUri {
  const r = DeviceUri.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new DeviceUriError(uri, `${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}`);
  }
  return r.data;
}

/** Parses a device address; throws DeviceUriError naming the offending part. */
export function parseDeviceUri(uri: string): DeviceUri {
  const trimmed = uri.trim();
  const colon = trimmed.indexOf(':');
  if (colon <= 0) throw new DeviceUriError(uri, 'missing scheme (serial:, tcp:, usb:, usblp:, hid:, wedge:, sim:)');
  const scheme = trimmed.slice(0, colon).toLowerCase();
  const rest = trimmed.slice(colon + 1);
  switch (scheme) {
    case 'serial': {
      if (!rest.startsWith('//')) throw new DeviceUriError(uri, 'serial addresses look like serial:///dev/ttyUSB0?baud=9600');
      const { body, query } = splitQuery(uri, rest.slice(2));
      // serial:///dev/ttyUSB0 (empty authority) and serial://COM3 (Windows) both name a path.
      const path = decodeURIComponent(body);
      if (!path) throw new DeviceUriError(uri, 'missing port path');
      const value = {
        kind: 'serial',
        path,
        baudRate: takeInt(uri, query, 'baud', SERIAL_DEFAULTS.baudRate),
        dataBits: takeInt(uri, query, 'dataBits', SERIAL_DEFAULTS.dataBits),
        stopBits: takeNumber(uri, query, 'stopBits', SERIAL_DEFAULTS.stopBits),
        parity: takeEnum(uri, query, 'parity', Parity.options, SERIAL_DEFAULTS.parity),
        terminator: takeEnum(uri, query, 'terminator', Terminator.options, SERIAL_DEFAULTS.terminator),
        idleMs: takeInt(uri, query, 'idleMs', SERIAL_DEFAULTS.idleMs),
        ...(query.has('protocol') ? { protocol: takeEnum(uri, query, 'protocol', ScaleProtocol.options, 'mtsics') } : {}),
      };
      noLeftovers(uri, query);
      return validated(uri, value);
    }
    case 'tcp': {
      if (!rest.startsWith('//')) throw new DeviceUriError(uri, 'TCP addresses look like tcp://10.0.0.5:9100');
      const { body, query } = splitQuery(uri, rest.slice(2));
      noLeftovers(uri, query);
      const m = /^(\[[0-9a-fA-F:]+\]|[^:/\s]+)(?::(\d+))?\/?$/.exec(body);
      if (!m) throw new DeviceUriError(uri, 'expected host[:port]');
      const port = m[2] === undefined ? 9100 : Number(m[2]);
      if (port < 1 || port > 65535) throw new DeviceUriError(uri, `port ${port} is out of range`);
      return validated(uri, { kind: 'tcp', host: m[1]!.replace(/^\[|\]$/g, ''), port });
    }
    case 'usblp': {
      if (!rest.startsWith('//')) throw new DeviceUriError(uri, 'usblp addresses look like usblp:///dev/usb/lp0');
      const { body, query } = splitQuery(uri, rest.slice(2));
      noLeftovers(uri, query);
      const path = decodeURIComponent(body);
      if (!path.startsWith('/')) throw new DeviceUriError(uri, 'expected an absolute device path such as /dev/usb/lp0');
      return validated(uri, { kind: 'usblp', path });
    }
    case 'usb':
    case 'hid': {
      if (!rest.startsWith('//')) throw new DeviceUriError(uri, `${scheme} addresses look like ${scheme}://0a5f:0181`);
      const { body, query } = splitQuery(uri, rest.slice(2));
      const [vid, pid, extra] = body.replace(/\/$/, '').split(':');
      if (extra !== undefined) throw new DeviceUriError(uri, 'expected vendor:product');
      const vendorId = hex16(uri, vid, 'vendor id');
      const productId = hex16(uri, pid, 'product id');
      const serial = query.get('serial');
      query.delete('serial');
      let usagePage: number | undefined;
      if (scheme === 'hid' && query.has('usagePage')) {
        const raw = query.get('usagePage')!;
        query.delete('usagePage');
        if (!/^(0x)?[0-9a-fA-F]{1,4}$/.test(raw)) throw new DeviceUriError(uri, `usagePage must be hex, got "${raw}"`);
        usagePage = parseInt(raw.replace(/^0x/, ''), 16);
      }
      noLeftovers(uri, query);
      return validated(uri, { kind: scheme, vendorId, productId, serial: serial || undefined, usagePage });
    }
    case 'wedge': {
      const { body, query } = splitQuery(uri, rest.replace(/^\/\//, ''));
      if (body !== '') throw new DeviceUriError(uri, 'a keyboard wedge takes no address: use "wedge:" or "wedge:?gap=35&min=4&suffix=Enter"');
      const prefix = query.get('prefix');
      query.delete('prefix');
      const suffix = query.has('suffix') ? query.get('suffix') : WEDGE_DEFAULTS.suffixKey;
      query.delete('suffix');
      const value = {
        kind: 'wedge',
        maxGapMs: takeInt(uri, query, 'gap', WEDGE_DEFAULTS.maxGapMs),
        minLength: takeInt(uri, query, 'min', WEDGE_DEFAULTS.minLength),
        ...(prefix ? { prefixKey: prefix } : {}),
        ...(suffix ? { suffixKey: suffix } : {}),
      };
      noLeftovers(uri, query);
      return validated(uri, value);
    }
    case 'sim': {
      const { body, query } = splitQuery(uri, rest.replace(/^\/\//, ''));
      const name = query.get('name');
      query.delete('name');
      noLeftovers(uri, query);
      const sim = SimKind.safeParse(body);
      if (!sim.success) throw new DeviceUriError(uri, `unknown simulator "${body}" (one of ${SimKind.options.join(', ')})`);
      return { kind: 'sim', sim: sim.data, ...(name ? { name } : {}) };
    }
    default:
      throw new DeviceUriError(uri, `unknown scheme "${scheme}" (serial, tcp, usb, usblp, hid, wedge, sim)`);
  }
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/** The canonical form: parse(format(x)) equals x, and only non-default serial options are written. */
export function formatDeviceUri(d: DeviceUri): string {
  switch (d.kind) {
    case 'serial': {
      const opts: string[] = [];
      if (d.baudRate !== SERIAL_DEFAULTS.baudRate) opts.push(`baud=${d.baudRate}`);
      if (d.dataBits !== SERIAL_DEFAULTS.dataBits) opts.push(`dataBits=${d.dataBits}`);
      if (d.stopBits !== SERIAL_DEFAULTS.stopBits) opts.push(`stopBits=${d.stopBits}`);
      if (d.parity !== SERIAL_DEFAULTS.parity) opts.push(`parity=${d.parity}`);
      if (d.terminator !== SERIAL_DEFAULTS.terminator) opts.push(`terminator=${d.terminator}`);
      if (d.idleMs !== SERIAL_DEFAULTS.idleMs) opts.push(`idleMs=${d.idleMs}`);
      if (d.protocol) opts.push(`protocol=${d.protocol}`);
      const path = d.path.split('/').map(encodeURIComponent).join('/');
      return `serial://${path}${opts.length ? `?${opts.join('&')}` : ''}`;
    }
    case 'usblp':
      return `usblp://${d.path.split('/').map(encodeURIComponent).join('/')}`;
    case 'tcp':
      return `tcp://${d.host.includes(':') ? `[${d.host}]` : d.host}:${d.port}`;
    case 'usb':
    case 'hid': {
      const opts: string[] = [];
      if (d.serial) opts.push(`serial=${encodeURIComponent(d.serial)}`);
      if (d.kind === 'hid' && d.usagePage !== undefined) opts.push(`usagePage=${hex4(d.usagePage)}`);
      return `${d.kind}://${hex4(d.vendorId)}:${hex4(d.productId)}${opts.length ? `?${opts.join('&')}` : ''}`;
    }
    case 'wedge': {
      const opts: string[] = [];
      if (d.maxGapMs !== WEDGE_DEFAULTS.maxGapMs) opts.push(`gap=${d.maxGapMs}`);
      if (d.minLength !== WEDGE_DEFAULTS.minLength) opts.push(`min=${d.minLength}`);
      if (d.prefixKey) opts.push(`prefix=${encodeURIComponent(d.prefixKey)}`);
      if (d.suffixKey !== WEDGE_DEFAULTS.suffixKey) opts.push(`suffix=${encodeURIComponent(d.suffixKey ?? '')}`);
      return `wedge:${opts.length ? `?${opts.join('&')}` : ''}`;
    }
    case 'sim':
      return `sim:${d.sim}${d.name ? `?name=${encodeURIComponent(d.name)}` : ''}`;
    default: {
      const never: never = d;
      return never;
    }
  }
}
