// Every bench suite `lotline bench` runs, in order.
import type { BenchSuite } from '../figure';
import { boardSuite } from './board';
import { labelsSuite } from './labels';
import { parseSuite } from './parse';
import { rulesSuite } from './rules';
import { screenSuite } from './screen';
import { storeSuite } from './store';
import { stationSyncSuite } from './station-sync';
import { syncSuite } from './sync';
import { traceSuite } from './trace';
import { verdictSuite } from './verdict';

export const suites: readonly BenchSuite[] = [storeSuite, parseSuite, rulesSuite, labelsSuite, syncSuite, stationSyncSuite, verdictSuite, screenSuite, traceSuite, boardSuite];
