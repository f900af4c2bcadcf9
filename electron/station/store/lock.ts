// One runtime per data folder: the event log assumes a single writer (sequence and chain
// head live in memory), so a second process on the same store is refused at start.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface StoreLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function holderOf(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dataDir, 'station.lock'), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : null;
  } catch {
    return null;
  }
}

export function acquireStoreLock(dataDir: string): StoreLock {
  const file = join(dataDir, 'station.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { release: () => rmSync(file, { force: true }) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = holderOf(dataDir);
      if (pid !== null) throw new Error(`the station data folder ${dataDir} is in use by process ${pid}; stop it first`);
      // Left behind by a crashed runtime (kill -9, power cut): safe to take over.
      rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock ${file}`);
}
