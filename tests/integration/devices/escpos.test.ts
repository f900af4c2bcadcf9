// ESC/POS tickets built by node-thermal-printer, sent over TCP to the simulator process and
// decoded back to the intended text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
