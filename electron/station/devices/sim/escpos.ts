// A simulated ESC/POS receipt printer on raw TCP: captures the bytes of every connection as
// one ticket, so tests can decode them back to text.
import type { Socket } from 'node:net';
import { TcpSimulator } from './tcp-sim';

const MAX_TICKET_BYTES = 4 * 1024 * 1024;

export class EscPosSimulator extends TcpSimulator<{ ticket: [Buffer] }> {
  readonly tickets: Buffer[] = [];
  constructor(requestedPort = 0) {
    super('ESC/POS', requestedPort);
  }

  protected accept(sock: Socket): void {
    const chunks: Buffer[] = [];
    let size = 0;
    sock.on('error', () => undefined);
    sock.on('data', (d: Buffer) => {
      size += d.length;
      if (size > MAX_TICKET_BYTES) sock.destroy();
      else chunks.push(d);
    });
    sock.on('end', () => sock.end());
    sock.on('close', () => {
      if (size === 0 || size > MAX_TICKET_BYTES) return;
      const ticket = Buffer.concat(chunks);
      this.tickets.push(ticket);
      this.emit('ticket', ticket);
    });
  }
}
