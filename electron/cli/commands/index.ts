// Every `lotline` sub-command, in the order --help lists them.
import type { CliCommand } from '../command';
import { benchCommand } from './bench';
import { parseCommand } from './parse';

export const commands: readonly CliCommand[] = [
  parseCommand,
  benchCommand,
];
