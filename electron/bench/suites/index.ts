// Every bench suite `lotline bench` runs, in order.
import type { BenchSuite } from '../figure';
import { parseSuite } from './parse';
import { rulesSuite } from './rules';
import { storeSuite } from './store';

export const suites: readonly BenchSuite[] = [storeSuite, parseSuite, rulesSuite];
