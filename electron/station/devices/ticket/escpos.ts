// An ESC/POS receipt printer on raw TCP, a USB printer node or bulk endpoints, or a serial port.
// the vendors' dialects); our own printer link (TCP, usblp, USB bulk, serial) delivers them, so a dropped connection reports
// whether anything may have printed, as for labels.
import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import type { DeviceRef } from '../../../../shared/devices/status';
import type { TcpDeviceUri } from '../../../../shared/devices/uri';
import { tcpPrinterLink, type PrinterLink } from '../printer/link';
import type { Ticket, TicketPrinter } from '../types';

export interface EscPosOptions {
  readonly type?: 'epson' | 'star';
  /** Characters per line (42 on 80 mm paper with font A... check the printer). */
  readonly width?: number;
}

export function buildTicket(ticket: Ticket, opts: EscPosOptions = {}): Buffer {
  const p = new ThermalPrinter({
    type: opts.type === 'star' ? PrinterTypes.STAR : PrinterTypes.EPSON,
    // Never executed: the bytes are taken with getBuffer() and sent by the printer link.
    interface: 'tcp://127.0.0.1:9',
    width: opts.width ?? 42,
    // A code page must be active, or every non-ASCII character (·, €, ß, ü) is first tried
    // against an undefined page; PC858 covers Western European text and the euro sign.
    characterSet: CharacterSet.PC858_EURO,
  });
  for (const line of ticket.lines) {
    if (line.align === 'center') p.alignCenter();
    else if (line.align === 'right') p.alignRight();
    else p.alignLeft();
    p.bold(line.bold === true);
    if (line.size === 'double') p.setTextDoubleHeight();
    else p.setTextNormal();
    p.println(line.text);
  }
  p.setTextNormal();
  p.bold(false);
  p.alignLeft();
  if (ticket.cut !== false) p.cut();
  return p.getBuffer();
}

export class EscPosPrinter implements TicketPrinter {
  private readonly link: PrinterLink;

  /** A tcp:// address, or any printer byte pipe (usblp, usb bulk endpoints, serial). */
  constructor(
    target: TcpDeviceUri | PrinterLink,
    readonly ref: DeviceRef,
    private readonly opts: EscPosOptions = {},
  ) {
    this.link = 'send' in target ? target : tcpPrinterLink(target);
  }

  async print(ticket: Ticket): Promise<void> {
    await this.link.send(buildTicket(ticket, this.opts));
  }
}
