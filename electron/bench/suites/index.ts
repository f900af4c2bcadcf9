// Every bench suite `lotline bench` runs, in order.
import type { BenchSuite } from '../figure';
import { labelsSuite } from './labels';
import { parseSuite } from './parse';
import { rulesSuite } from './rules';
import { storeSuite } from './store';
import { traceSuite } from './trace';
import { syncSuite } from './sync';
import { verdictSuite } from './verdict';

export const suites: readonly BenchSuite[] = [storeSuite, parseSuite, rulesSuite, labelsSuite, syncSuite, verdictSuite, traceSuite];
