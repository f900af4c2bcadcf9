// Every `lotline` sub-command, in the order --help lists them.
import type { CliCommand } from '../command';
import { benchCommand } from './bench';
import { devicesCommand } from './devices';

export const commands: readonly CliCommand[] = [
  devicesCommand,
  benchCommand,
];
