// Every `lotline` sub-command, in the order --help lists them.
import type { CliCommand } from '../command';
import { auditCommand } from './audit';
import { benchCommand } from './bench';
import { demoCommand } from './demo';
import { devicesCommand } from './devices';
import { labelCommand } from './label';
import { parseCommand } from './parse';
import { serverCommand } from './server';
import { stationCommand } from './station';
import { storeCommand } from './store';
import { syncCommand } from './sync';
import { traceCommand } from './trace';

export const commands: readonly CliCommand[] = [
  stationCommand,
  serverCommand,
  syncCommand,
  auditCommand,
  demoCommand,
  storeCommand,
  devicesCommand,
  parseCommand,
  labelCommand,
  traceCommand,
  benchCommand,
];
