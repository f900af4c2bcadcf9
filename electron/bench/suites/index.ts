// Every bench suite `lotline bench` runs, in order.
import type { BenchSuite } from '../figure';
import { parseSuite } from './parse';
import { syncSuite } from './sync';

export const suites: readonly BenchSuite[] = [parseSuite, syncSuite];
