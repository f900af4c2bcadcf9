// What the TCP printer simulators share: a listener on 127.0.0.1 (a free port by default)
// that tracks its connections so stop() can end them; each simulator says what a connection does.
import { EventEmitter } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export abstract class TcpSimulator<E extends Record<keyof E, any[]>> extends EventEmitter<E> {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly what: string,
    private readonly requestedPort = 0,
    /** Keep our side open after the client's FIN; closing it becomes the simulator's choice. */
    private readonly allowHalfOpen = false,
  ) {
    super();
  }

  get port(): number {
    const a = this.server?.address();
    if (!a || typeof a === 'string') throw new Error(`the ${this.what} simulator is not listening`);
    return a.port;
  }

  async start(): Promise<number> {
    const server = createServer({ allowHalfOpen: this.allowHalfOpen }, (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
      this.accept(s);
    });
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

  protected abstract accept(sock: Socket): void;
}
