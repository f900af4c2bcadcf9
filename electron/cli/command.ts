// The shape every `lotline` sub-command has, so the dispatcher, --help and tests treat them alike.
import type { Readable, Writable } from 'node:stream';

export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: NodeJS.ProcessEnv;
}

export interface CliCommand {
  /** First word after `lotline` (e.g. `station`, `audit`, `parse`, `devices`). */
  readonly name: string;
  /** One line for `lotline --help`. */
  readonly summary: string;
  /** Full usage text for `lotline NAME --help`. */
  readonly usage: string;
  /** Returns the process exit code. Long-running commands resolve when they stop. */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

/** A usage mistake: the dispatcher prints the message and the command's usage, exit 2. */
export class UsageError extends Error {}

export function write(stream: Writable, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}
