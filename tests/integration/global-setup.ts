// Integration tests spawn the real `lotline` command and serve the real UI, so they run
// against a fresh build of this checkout, never a stale dist/.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
