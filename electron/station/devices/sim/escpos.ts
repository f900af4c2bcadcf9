// A simulated ESC/POS receipt printer on raw TCP: captures the bytes of every connection as
// one ticket, so tests can decode them back to text.
import { EventEmitter } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';

const MAX_TICKET_BYTES = 4 * 1024 * 1024;

export class EscPosSimulator extends EventEmitter<{ ticket: [Buffer] }> {
  readonly tickets: Buffer[] = [];
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly requestedPort = 0) {
    super();
  }

  get port(): number {
    const a = this.server?.address();
    if (!a || typeof a === 'string') throw new Error('the ESC/POS simulator is not listening');
    return a.port;
  }

  async start(): Promise<number> {
    const server = createServer((s) => this.accept(s));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.requestedPort, '127.0.0.1', () => resolve());
    });
    return this.port;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((r) => server.close(() => r()));
  }

  private accept(sock: Socket): void {
    this.sockets.add(sock);
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
      this.sockets.delete(sock);
      if (size === 0 || size > MAX_TICKET_BYTES) return;
      const ticket = Buffer.concat(chunks);
      this.tickets.push(ticket);
      this.emit('ticket', ticket);
    });
  }
}
