// Keeps the write-ahead log from growing under a scan. SQLite deletes the WAL when the last
// connection closes, so after every start it grew again, a frame at a time: each commit that
// extends the file makes its fsync commit the file's new size to the filesystem journal as
// well. Measured at 1M events: a verdict commit that grew the WAL took p50 0.39 ms against
// 0.17 ms, and it was one commit in three of a start's first 400 scans; a burst that never
// lets the event loop turn (the store bench) grew it on every commit up to the inline
// checkpoint, command p99 0.75–0.9 ms against 0.31–0.37 ms reserved.
import { closeSync, fstatSync, fsyncSync, openSync, writeSync } from 'node:fs';

/**
 * What the WAL is grown to when the station opens: what the runtime's checkpoint policy lets
 * it reach — 2000 commits with no idle moment, then an inline checkpoint — at about 8 pages
 * (4 KiB and a 24-byte frame header each) a scan-path commit. Writing it costs about 35 ms
 * at open.
 */
export const WAL_RESERVE_BYTES = 64 * 1024 * 1024;

/**
 * Writes zeros past the end of `dbFile`'s WAL up to `bytes`, and syncs them, so later
 * commits overwrite blocks the file already owns. Never touches a byte that is there: the
 * frames and header stay as SQLite wrote them. Zeros past the last frame are what SQLite
 * already expects to find there (the leftovers of earlier checkpoints): a frame is read only
 * if its salt and checksum chain match the header, so recovery stops at the first zero
 * frame, and a zero header is an empty log. Call it only between transactions — the
 * runtime is the store's only writer and runs on one thread. Returns the bytes added (0 when
 * there is no WAL yet or it is already that large). A reservation that fails (a full disk)
 * costs only the speed it was for, so the caller may ignore the error.
 */
export function reserveWal(dbFile: string, bytes: number = WAL_RESERVE_BYTES): number {
  let fd: number;
  try {
    fd = openSync(`${dbFile}-wal`, 'r+');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  try {
    const size = fstatSync(fd).size;
    if (size >= bytes) return 0;
    const zeros = Buffer.alloc(Math.min(1024 * 1024, bytes - size));
    for (let at = size; at < bytes; at += zeros.length) writeSync(fd, zeros, 0, Math.min(zeros.length, bytes - at), at);
    fsyncSync(fd);
    return bytes - size;
  } finally {
    closeSync(fd);
  }
}
