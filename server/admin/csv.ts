// A small RFC 4180 CSV reader that remembers the line each record starts on, so import
// errors can name it. Quoted fields may hold commas, quotes ("") and newlines.

export interface CsvRecord {
  /** Line in the file where the record starts (1-based; the header is line 1). */
  readonly line: number;
  readonly fields: Readonly<Record<string, string>>;
}

export class CsvError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
  }
}

function records(text: string): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  let line = 1;
  let startLine = 1;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') { cell += '"'; i++; } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"') {
      if (cell.length > 0) throw new CsvError(line, 'a quote inside an unquoted field; quote the whole field');
      quoted = true;
      wasQuoted = true;
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
      wasQuoted = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.length > 1 || cells[0] !== '' || wasQuoted) out.push({ line: startLine, cells });
      cells = [];
      cell = '';
      wasQuoted = false;
      line++;
      startLine = line;
    } else cell += c;
  }
  if (quoted) throw new CsvError(startLine, 'a quoted field is not closed');
  cells.push(cell);
  if (cells.length > 1 || cells[0] !== '' || wasQuoted) out.push({ line: startLine, cells });
  return out;
}

/** Records keyed by the header's column names; empty cells are left out (a missing optional field). */
export function parseCsv(text: string): CsvRecord[] {
  const [header, ...rows] = records(text);
  if (!header) return [];
  const names = header.cells.map((h) => h.trim());
  return rows.map((r) => {
    if (r.cells.length !== names.length) throw new CsvError(r.line, `${r.cells.length} fields, the header has ${names.length}`);
    const fields: Record<string, string> = {};
    names.forEach((n, i) => {
      const v = r.cells[i]!;
      if (v !== '') fields[n] = v;
    });
    return { line: r.line, fields };
  });
}
