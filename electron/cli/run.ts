// Process entry of `lotline`: wires the real stdio into main().
import { main } from './main';

main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`lotline: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
