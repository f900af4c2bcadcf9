// Which address kinds can fill which device role: one table that the device manager,
// Settings (devices.configure) and the CLI all check, so a wrong pairing is refused with the
// same message wherever it is typed.
import type { DeviceRole } from './status';
import type { DeviceUri, SimKind } from './uri';

const ROLE_KINDS: Record<DeviceRole, { kinds: readonly DeviceUri['kind'][]; sim: SimKind; hint: string }> = {
  scanner: { kinds: ['serial', 'hid', 'wedge', 'sim'], sim: 'scanner', hint: 'a scanner is serial://, hid://VID:PID, wedge: or sim:scanner' },
  scale: { kinds: ['serial', 'sim'], sim: 'scale', hint: 'a scale is serial:// or sim:scale' },
  labelPrinter: {
    kinds: ['tcp', 'usb', 'usblp', 'serial', 'sim'],
    sim: 'zebra',
    hint: 'a label printer is tcp://HOST:9100, usb://VID:PID, usblp:///dev/usb/lpN, serial:///dev/ttyUSB0?baud=9600 or sim:zebra',
  },
  ticketPrinter: {
    kinds: ['tcp', 'usb', 'usblp', 'serial', 'sim'],
    sim: 'escpos',
    hint: 'a ticket printer is tcp://HOST:9100, usb://VID:PID, usblp:///dev/usb/lpN, serial:///dev/ttyUSB0?baud=9600 or sim:escpos',
  },
};

/** Why `uri` cannot be the `role`, or undefined when it can. */
export function roleUriProblem(role: DeviceRole, uri: DeviceUri): string | undefined {
  const r = ROLE_KINDS[role];
  if (!r.kinds.includes(uri.kind)) return `${uri.kind}: cannot be the ${role}: ${r.hint}`;
  if (uri.kind === 'sim' && uri.sim !== r.sim) return `sim:${uri.sim} cannot be the ${role}: ${r.hint}`;
  return undefined;
}

/** The hint alone, for usage messages. */
export function roleHint(role: DeviceRole): string {
  return ROLE_KINDS[role].hint;
}
