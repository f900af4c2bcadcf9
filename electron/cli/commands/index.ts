// Every `lotline` sub-command, in the order --help lists them.
import type { CliCommand } from '../command';
import { auditCommand } from './audit';
import { benchCommand } from './bench';
import { demoCommand } from './demo';
import { parseCommand } from './parse';
import { serverCommand } from './server';
import { stationCommand } from './station';
import { storeCommand } from './store';

export const commands: readonly CliCommand[] = [
  stationCommand,
  auditCommand,
  demoCommand,
  storeCommand,
  parseCommand,
  serverCommand,
  benchCommand,
];
