import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DeviceUriError, formatDeviceUri, parseDeviceUri, type DeviceUri } from './uri';

describe('parseDeviceUri', () => {
  it.each<[string, DeviceUri]>([
    ['serial:///dev/ttyUSB0', { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 9600, dataBits: 8, stopBits: 1, parity: 'none', terminator: 'CRLF', idleMs: 50 }],
    ['serial:///dev/ttyUSB0?baud=19200&parity=even&dataBits=7&terminator=CR', { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 19200, dataBits: 7, stopBits: 1, parity: 'even', terminator: 'CR', idleMs: 50 }],
    ['serial://COM3?terminator=none&idleMs=80', { kind: 'serial', path: 'COM3', baudRate: 9600, dataBits: 8, stopBits: 1, parity: 'none', terminator: 'none', idleMs: 80 }],
    ['tcp://10.0.0.5:9100', { kind: 'tcp', host: '10.0.0.5', port: 9100 }],
    ['tcp://printer-3', { kind: 'tcp', host: 'printer-3', port: 9100 }],
    ['tcp://[::1]:9101', { kind: 'tcp', host: '::1', port: 9101 }],
    ['usb://0a5f:0181', { kind: 'usb', vendorId: 0x0a5f, productId: 0x0181 }],
    ['usb://0A5F:0181?serial=XXQ123', { kind: 'usb', vendorId: 0x0a5f, productId: 0x0181, serial: 'XXQ123' }],
    ['usblp:///dev/usb/lp0', { kind: 'usblp', path: '/dev/usb/lp0' }],
    ['serial:///dev/ttyS1?protocol=toledo', { kind: 'serial', path: '/dev/ttyS1', baudRate: 9600, dataBits: 8, stopBits: 1, parity: 'none', terminator: 'CRLF', idleMs: 50, protocol: 'toledo' }],
    ['hid://0922:8003', { kind: 'hid', vendorId: 0x0922, productId: 0x8003 }],
    ['hid://0c2e:0b61?usagePage=8c', { kind: 'hid', vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x8c }],
    ['wedge:', { kind: 'wedge', maxGapMs: 35, minLength: 4, suffixKey: 'Enter' }],
    ['wedge:?gap=20&min=6&prefix=F12&suffix=Tab', { kind: 'wedge', maxGapMs: 20, minLength: 6, prefixKey: 'F12', suffixKey: 'Tab' }],
    ['wedge:?suffix=', { kind: 'wedge', maxGapMs: 35, minLength: 4 }],
    ['sim:scale', { kind: 'sim', sim: 'scale' }],
    ['sim:zebra?name=line2', { kind: 'sim', sim: 'zebra', name: 'line2' }],
  ])('%s', (uri, expected) => {
    expect(parseDeviceUri(uri)).toEqual(expected);
  });

  it.each([
    ['', /missing scheme/],
    ['/dev/ttyUSB0', /missing scheme/],
    ['ftp://x', /unknown scheme "ftp"/],
    ['serial:/dev/ttyUSB0', /serial:\/\/\/dev\/ttyUSB0/],
    ['serial://', /missing port path/],
    ['serial:///dev/ttyS0?baud=fast', /"baud" must be a whole number/],
    ['serial:///dev/ttyS0?parity=maybe', /"parity" must be one of/],
    ['serial:///dev/ttyS0?terminator=TAB', /"terminator" must be one of/],
    ['serial:///dev/ttyS0?dataBits=9', /dataBits/],
    ['serial:///dev/ttyS0?bud=9600', /unknown option "bud"/],
    ['serial:///dev/ttyS0?baud=9600&baud=4800', /given twice/],
    ['tcp://10.0.0.5:70000', /out of range/],
    ['tcp://10.0.0.5:abc', /host\[:port\]/],
    ['usb://a5f:181', /vendor id must be 4 hex digits/],
    ['usblp://dev/usb/lp0', /absolute device path/],
    ['usblp:///dev/usb/lp0?x=1', /unknown option "x"/],
    ['serial:///dev/ttyS0?protocol=sics', /"protocol" must be one of/],
    ['usb://0a5f', /product id must be 4 hex digits/],
    ['hid://0922:8003?usagePage=zz', /usagePage must be hex/],
    ['wedge:kbd', /takes no address/],
    ['wedge:?gap=fast', /"gap" must be a whole number/],
    ['wedge:?speed=1', /unknown option "speed"/],
    ['sim:toaster', /unknown simulator "toaster"/],
  ])('rejects %j', (uri, message) => {
    expect(() => parseDeviceUri(uri)).toThrow(DeviceUriError);
    expect(() => parseDeviceUri(uri)).toThrow(message);
  });

  it('format then parse gives back the same address', () => {
    const serial = fc.record({
      kind: fc.constant('serial' as const),
      path: fc.constantFrom('/dev/ttyUSB0', '/tmp/lotline sim/B', 'COM3'),
      baudRate: fc.constantFrom(1200, 9600, 115200),
      dataBits: fc.constantFrom(7 as const, 8 as const),
      stopBits: fc.constantFrom(1 as const, 2 as const),
      parity: fc.constantFrom('none' as const, 'even' as const, 'odd' as const),
      terminator: fc.constantFrom('CR' as const, 'LF' as const, 'CRLF' as const, 'none' as const),
      idleMs: fc.integer({ min: 1, max: 1000 }),
    });
    const usb = fc.record({ kind: fc.constantFrom('usb' as const), vendorId: fc.integer({ min: 0, max: 0xffff }), productId: fc.integer({ min: 0, max: 0xffff }) });
    const tcp = fc.record({ kind: fc.constant('tcp' as const), host: fc.constantFrom('127.0.0.1', 'zebra-1', '::1'), port: fc.integer({ min: 1, max: 65535 }) });
    const usblp = fc.record({ kind: fc.constant('usblp' as const), path: fc.constantFrom('/dev/usb/lp0', '/tmp/lotline sim/zebra') });
    fc.assert(fc.property(fc.oneof(serial, usb, tcp, usblp), (d) => {
      expect(parseDeviceUri(formatDeviceUri(d))).toEqual(d);
    }));
  });
});
