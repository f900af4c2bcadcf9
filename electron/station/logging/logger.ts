// Application logs (not the audit trail): structured JSON lines, rotated daily or at 10 MB,
// kept for 14 files in the data folder's logs/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { createStream } from 'rotating-file-stream';

export function createLogger(dataDir: string, opts: { level?: string; name?: string; alsoStderr?: boolean } = {}): Logger {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const file = createStream(`${opts.name ?? 'station'}.log`, { path: dir, size: '10M', interval: '1d', maxFiles: 14 });
  const streams: pino.StreamEntry[] = [{ stream: file }];
  if (opts.alsoStderr) streams.push({ stream: process.stderr, level: 'warn' });
  return pino({ level: opts.level ?? process.env.LOTLINE_LOG_LEVEL ?? 'info', base: { proc: opts.name ?? 'station' } }, pino.multistream(streams));
}
