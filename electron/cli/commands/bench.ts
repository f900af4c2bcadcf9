// `lotline bench`: runs every suite, prints each figure beside its same-run baseline.
import { writeFileSync } from 'node:fs';
import { parseCli } from '../args';
import { write, type CliCommand } from '../command';
import type { BenchFigure } from '../../bench/figure';
import { suites } from '../../bench/suites/index';

export const benchCommand: CliCommand = {
  name: 'bench',
  summary: 'measure the budgets (each figure beside a baseline measured in the same run)',
  usage: `lotline bench [--only SUITE[,SUITE]] [--quick] [--json FILE]

  --only    run only these suites (${'names listed by --list'})
  --quick   smaller data sets (for a smoke run; figures are not comparable to budgets)
  --json    also write the figures as JSON: [{suite, metric, value, unit, baseline, baselineValue, ratio}]
  --list    list the suites`,
  async run(argv, io) {
    const { values } = parseCli(argv, {
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      json: { type: 'string' },
      list: { type: 'boolean', default: false },
    });
    if (values.list) {
      for (const s of suites) write(io.stdout, `${s.name.padEnd(16)} ${s.summary}`);
      return 0;
    }
    const only = values.only ? new Set(values.only.split(',')) : undefined;
    const all: Array<BenchFigure & { suite: string }> = [];
    for (const suite of suites) {
      if (only && !only.has(suite.name)) continue;
      write(io.stderr, `# ${suite.name}: ${suite.summary}`);
      const figures = await suite.run({ quick: values.quick ?? false, log: (l) => write(io.stderr, `  ${l}`) });
      all.push(...figures.map((f) => ({ ...f, suite: suite.name })));
    }
    write(io.stdout, formatTable(all));
    if (values.json) writeFileSync(values.json, JSON.stringify(all, null, 2));
    return 0;
  },
};

function fmt(n: number | undefined): string {
  if (n === undefined || Number.isNaN(n)) return '';
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 1) return n.toFixed(2);
  return n.toPrecision(3);
}

export function formatTable(rows: ReadonlyArray<BenchFigure & { suite: string }>): string {
  const header = ['suite', 'metric', 'value', 'unit', 'baseline', 'baseline value', 'ratio', 'budget'];
  const body = rows.map((r) => [r.suite, r.metric, fmt(r.value), r.unit, r.baseline ?? '', fmt(r.baselineValue), r.ratio === undefined ? '' : `${fmt(r.ratio)}×`, r.budget ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
