import { describe, expect, it } from 'vitest';
import type { DeviceRole } from './status';
import { roleUriProblem } from './role-kinds';
import { parseDeviceUri } from './uri';

describe('roleUriProblem', () => {
  it.each<[DeviceRole, string, RegExp | undefined]>([
    ['labelPrinter', 'serial:///dev/ttyUSB0?baud=9600', undefined],
    ['labelPrinter', 'tcp://10.0.0.5:9100', undefined],
    ['labelPrinter', 'usb://0a5f:0181', undefined],
    ['labelPrinter', 'usblp:///dev/usb/lp0', undefined],
    ['labelPrinter', 'sim:zebra', undefined],
    ['labelPrinter', 'hid://0c2e:0b61', /hid: cannot be the labelPrinter: a label printer is .*serial:\/\//],
    ['labelPrinter', 'wedge:', /wedge: cannot be the labelPrinter/],
    ['labelPrinter', 'sim:escpos', /sim:escpos cannot be the labelPrinter/],
    ['scanner', 'serial:///dev/ttyACM0', undefined],
    ['scanner', 'hid://0c2e:0b61', undefined],
    ['scanner', 'wedge:', undefined],
    ['scanner', 'usb://0a5f:0181', /usb: cannot be the scanner/],
    ['scale', 'serial:///dev/ttyUSB1', undefined],
    ['scale', 'tcp://10.0.0.5:4001', /a scale is serial:\/\/ or sim:scale/],
    ['scale', 'wedge:', /wedge: cannot be the scale/],
    ['ticketPrinter', 'tcp://10.0.0.6:9100', undefined],
    ['ticketPrinter', 'serial:///dev/ttyUSB0', undefined],
    ['ticketPrinter', 'usblp:///dev/usb/lp1', undefined],
    ['ticketPrinter', 'hid://0c2e:0b61', /hid: cannot be the ticketPrinter/],
  ])('%s ← %s', (role, uri, problem) => {
    const got = roleUriProblem(role, parseDeviceUri(uri));
    if (problem) expect(got).toMatch(problem);
    else expect(got).toBeUndefined();
  });
});
