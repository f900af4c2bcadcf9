// `lotline label`: renders a shipped template with data to ZPL, PNG or SVG, and lists the
// templates with the data fields each needs. Bad data prints the field errors and renders nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import type { LabelData } from '../../../shared/label/bind';
import { DPIS, type Dpi } from '../../../shared/label/template';
import { renderLoaded, type LabelFormat } from '../../station/labels/render';
import { loadTemplate, loadTemplates, summarize } from '../../station/labels/templates';
import { parseCli } from '../args';
import { UsageError, write, type CliCommand } from '../command';

const FORMATS: readonly LabelFormat[] = ['zpl', 'png', 'svg'];

const usage = `lotline label render --template ID --data FILE.json [--format zpl|png|svg] [--dpi 203|300|600] [--out FILE] [--reference-year YYYY]
lotline label templates [--json]

  render     validates the data against the template and writes the label: ZPL for the printer,
             or the PNG/SVG preview drawn from the same layout. --data - reads stdin; --data
             example uses the template's example data. Without --out, ZPL and SVG go to stdout
             (PNG needs --out). Exit 1 with one "field: message" line per error on bad data.
  templates  lists each template's id, size, dpi and the data fields it needs (* = required).`;

async function readData(arg: string, stdin: NodeJS.ReadableStream): Promise<unknown> {
  let text: string;
  if (arg === '-') {
    const chunks: Buffer[] = [];
    for await (const c of stdin) chunks.push(Buffer.from(c as Buffer));
    text = Buffer.concat(chunks).toString('utf8');
  } else {
    try {
      text = readFileSync(arg, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read --data ${arg}: ${(err as Error).message}`);
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new UsageError(`--data ${arg} is not JSON: ${(err as Error).message}`);
  }
}

export const labelCommand: CliCommand = {
  name: 'label',
  summary: 'render a label template to ZPL / PNG / SVG, or list the templates',
  usage,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === 'templates') {
      const { values } = parseCli(rest, { json: { type: 'boolean', default: false } });
      const all = loadTemplates();
      if (!all.ok) {
        for (const e of all.errors) write(io.stderr, `${e.field}: ${e.message}`);
        return 1;
      }
      const summaries = all.value.map((l) => summarize(l.template));
      if (values.json) write(io.stdout, JSON.stringify(summaries, null, 2));
      else
        for (const s of summaries) {
          write(io.stdout, `${s.id}  ${s.widthMm}×${s.heightMm} mm  ${s.dpi} dpi  ${s.name}`);
          write(io.stdout, `  fields: ${s.fields.map((f) => `${f.name}${f.required ? '*' : ''} (${f.type})`).join(', ')}`);
        }
      return 0;
    }
    if (sub !== 'render') throw new UsageError(sub === undefined ? 'say "render" or "templates"' : `unknown sub-command "${sub}"`);
    const { values } = parseCli(rest, {
      template: { type: 'string' },
      data: { type: 'string' },
      format: { type: 'string', default: 'zpl' },
      dpi: { type: 'string' },
      out: { type: 'string' },
      'reference-year': { type: 'string' },
    });
    if (!values.template) throw new UsageError('--template ID is required');
    if (!values.data) throw new UsageError('--data FILE.json is required');
    const format = values.format as LabelFormat;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    const dpi = values.dpi === undefined ? undefined : (Number(values.dpi) as Dpi);
    if (dpi !== undefined && !DPIS.includes(dpi)) throw new UsageError(`--dpi must be one of ${DPIS.join(', ')}`);
    const year = values['reference-year'] === undefined ? undefined : Number(values['reference-year']);
    if (year !== undefined && !Number.isInteger(year)) throw new UsageError('--reference-year must be a year');
    if (format === 'png' && !values.out) throw new UsageError('--format png needs --out FILE.png');

    const loaded = loadTemplate(values.template);
    if (!loaded.ok) {
      for (const e of loaded.errors) write(io.stderr, `${e.field}: ${e.message}`);
      return 1;
    }
    const data = values.data === 'example' ? loaded.value.example : await readData(values.data, io.stdin);
    if (data === undefined) throw new UsageError(`template ${values.template} has no example data`);
    const r = renderLoaded(loaded.value, data as LabelData, { format, dpi, referenceYear: year });
    if (!r.ok) {
      for (const e of r.errors) write(io.stderr, `${e.field}: ${e.message}`);
      return 1;
    }
    if (values.out) writeFileSync(values.out, r.value.output);
    else io.stdout.write(r.value.output);
    return 0;
  },
};
