// Every bench suite `lotline bench` runs, in order.
import type { BenchSuite } from '../figure';

export const suites: readonly BenchSuite[] = [];
