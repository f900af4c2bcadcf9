// Every bench suite `lotline bench` runs, in order.
import type { BenchSuite } from '../figure';
import { labelsSuite } from './labels';
import { parseSuite } from './parse';
import { storeSuite } from './store';
import { stationSyncSuite } from './station-sync';
import { syncSuite } from './sync';

export const suites: readonly BenchSuite[] = [storeSuite, parseSuite, labelsSuite, syncSuite, stationSyncSuite];
