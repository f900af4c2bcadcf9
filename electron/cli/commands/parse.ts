// `lotline parse`: parses scans, one JSON string per stdin line (so control characters survive),
// and writes one JSON result per line; `--text RAW` parses a single scan.
import { createInterface } from 'node:readline';
import { parseScan, type ParseOptions } from '../../../shared/barcode/parse';
import type { ScanError, ScanResult } from '../../../shared/barcode/result';
import { scanError } from '../../../shared/barcode/scan-messages';
import { parseCli } from '../args';
import { write, type CliCommand } from '../command';

/** The published line shape (docs/parse-output.md): fixed key order, `error` only when not ok. */
export function toOutputLine(r: ScanResult): string {
  const base = { ok: r.ok, format: r.format, symbology: r.symbology, elements: r.elements, fields: r.fields, repairs: r.repairs, strict: r.strict };
  return JSON.stringify(r.ok ? base : { ...base, error: r.error });
}

function malformedLine(error: ScanError): string {
  return JSON.stringify({ ok: false, format: 'unknown', symbology: null, elements: [], fields: {}, repairs: [], strict: null, error });
}

/** One stdin line → one output line; never throws, so one bad line cannot stop a stream. */
export function parseLine(line: string, opts: ParseOptions): string {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return malformedLine(scanError('line_not_json', {}, -1));
  }
  if (typeof raw !== 'string') return malformedLine(scanError('line_not_string', { type: raw === null ? 'null' : typeof raw }, -1));
  try {
    return toOutputLine(parseScan(raw, opts));
  } catch (err) {
    // parseScan is meant never to throw; if it does, the line still gets an answer and the defect is visible.
    return malformedLine(scanError('parser_failure', { detail: (err as Error).message }, -1));
  }
}

export const parseCommand: CliCommand = {
  name: 'parse',
  summary: 'parse barcode scans (JSON string per stdin line, or --text) into JSON results',
  usage: `lotline parse [--text RAW] [--gs-substitute CHAR] [--gs-dropped] [--prefix TEXT] [--suffix TEXT] [--reference-year YYYY]

  Reads one scan per stdin line, written as a JSON string ("\\u001d" for GS), and writes one JSON
  result per line: {ok, format, symbology, elements, fields, repairs, strict[, error]}.
  A line that is not a JSON string gets a result with error kind "malformed".

  --text              parse this one scan instead of stdin (exit 1 when it does not parse)
  --gs-substitute     the character this scanner types for GS (e.g. "^")
  --gs-dropped        the scanner drops GS: say "ambiguous" where fields may have run together
  --prefix, --suffix  text the scanner adds before / after each scan
  --reference-year    year for GS1's two-digit-year century rule (default: this year)`,
  async run(argv, io) {
    const { values } = parseCli(argv, {
      text: { type: 'string' },
      'gs-substitute': { type: 'string' },
      'gs-dropped': { type: 'boolean', default: false },
      prefix: { type: 'string' },
      suffix: { type: 'string' },
      'reference-year': { type: 'string' },
    });
    const year = values['reference-year'] === undefined ? undefined : Number(values['reference-year']);
    const opts: ParseOptions = {
      wedge: {
        ...(values['gs-substitute'] ? { gsSubstitute: values['gs-substitute'] } : {}),
        gsDropped: values['gs-dropped'] ?? false,
        ...(values.prefix ? { prefix: values.prefix } : {}),
        ...(values.suffix ? { suffix: values.suffix } : {}),
      },
      ...(year !== undefined && Number.isInteger(year) ? { referenceYear: year } : {}),
    };
    if (values.text !== undefined) {
      const r = parseScan(values.text, opts);
      write(io.stdout, toOutputLine(r));
      return r.ok ? 0 : 1;
    }
    const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
    for await (const line of lines) write(io.stdout, parseLine(line, opts));
    return 0;
  },
};
