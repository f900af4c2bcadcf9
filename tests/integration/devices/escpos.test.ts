// ESC/POS tickets built by node-thermal-printer, sent over TCP to the simulator process and
// decoded back to the intended text.
import { constants, createReadStream, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelPrinterLink } from '../../../electron/station/devices/printer/label-printer-link';
import { PtyPair } from '../../../electron/station/devices/sim/pty';
import { decodeEscPos, ticketText } from '../../../electron/station/devices/ticket/escpos-decode';
import { parseDeviceUri, type TcpDeviceUri } from '../../../shared/devices/uri';
import { EscPosPrinter } from '../../../electron/station/devices/ticket/escpos';
import { SimProcess, stopAllSims } from './sim-process';

let sim: SimProcess;

beforeAll(async () => {
  sim = await SimProcess.spawn(['escpos']);
});
afterAll(() => stopAllSims());

describe('ESC/POS over TCP', () => {
  it('prints a ticket that decodes back to the intended lines, with one cut', async () => {
    const printer = new EscPosPrinter(parseDeviceUri(sim.uri) as TcpDeviceUri, { role: 'ticketPrinter', uri: sim.uri });
    await printer.print({
      lines: [
        { text: 'KIT PICK LIST', align: 'center', bold: true, size: 'double' },
        { text: 'Work order WO-1182' },
        { text: 'Reel R-77 x 2', align: 'right' },
      ],
    });
    const [ticket] = await sim.waitForEvents((e) => e.some((x) => x.event === 'ticket'));
    expect(ticket).toMatchObject({ lines: ['KIT PICK LIST', 'Work order WO-1182', 'Reel R-77 x 2'], cuts: 1, unknown: [] });
  });
});

describe('ESC/POS over a USB printer node (usblp) and a serial port', () => {
  // A real socat pty stands in for /dev/usb/lp0 and /dev/ttyUSB0: the printer's side reads
  // the bytes the station wrote, and they decode back to the ticket.
  it.each(['usblp', 'serial'] as const)('%s: the ticket arrives whole and decodes back to its lines', async (kind) => {
    const dir = mkdtempSync(join(tmpdir(), 'lotline-escpos-'));
    const pty = new PtyPair(join(dir, 'printer'), join(dir, 'station'));
    await pty.open();
    const printerSide = openSync(pty.device, constants.O_RDWR | constants.O_NOCTTY);
    const received: Buffer[] = [];
    const reader = createReadStream('', { fd: printerSide });
    reader.on('data', (d) => received.push(Buffer.from(d)));
    reader.on('error', () => undefined); // EIO once the pty is gone at the end: the printer unplugged
    try {
      const uri = kind === 'usblp' ? `usblp://${pty.host}` : `serial://${pty.host}?baud=19200`;
      const printer = new EscPosPrinter(labelPrinterLink(parseDeviceUri(uri)), { role: 'ticketPrinter', uri });
      await printer.print({ lines: [{ text: 'JOB TRAVELER', bold: true }, { text: 'Lot FL-261122-001' }] });
      await expect.poll(() => decodeEscPos(Buffer.concat(received)).cuts, { timeout: 30_000 }).toBe(1);
      const decoded = decodeEscPos(Buffer.concat(received));
      expect(ticketText(decoded)).toEqual(['JOB TRAVELER', 'Lot FL-261122-001']);
      expect(decoded).toMatchObject({ cuts: 1, unknown: [] });
    } finally {
      reader.destroy(); // closes the printer side's descriptor
      await pty.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
