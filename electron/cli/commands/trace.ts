// `lotline trace LOT [--forward|--backward] [--json] [--data DIR]`: genealogy of a lot or
// serial from a station store, read-only (the same trace the station's trace.lot answers);
// `--recall` / `--dhr` give the recall report / device history record, `--pdf FILE` as PDF.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir } from '../../station/paths';
import { openStore } from '../../station/store/db';
import { trace } from '../../station/trace/genealogy';
import { buildRecallReport, dhrPdfBytes, deviceHistory, recallPdfBytes } from '../../station/trace/reports';
import { REPORT_LANGS, type ReportLang } from '../../../shared/reports/document';
import { isTimeZone } from '../../../shared/clock/zone';
import { parseCli } from '../args';
import { UsageError, write, type CliCommand } from '../command';

export const traceCommand: CliCommand = {
  name: 'trace',
  summary: 'genealogy of a lot or serial: `trace LOT --backward` (what went in) or `--forward` (where it went)',
  usage: `lotline trace LOT [--forward | --backward] [--json] [--data DIR | --db PATH]
       lotline trace LOT --recall [--json | --pdf FILE [--tz ZONE]] [--lang en|es] [--paper A4|LETTER]
       lotline trace FINISHED_LOT|SERIAL --dhr [--json | --pdf FILE [--tz ZONE]] [--lang en|es] [--paper A4|LETTER]

  Backward (the default): every material lot and molding batch that went into LOT, with its
  item, supplier lot, status, work order and station. Forward: every batch, finished lot and
  serial made from LOT. A serial traces backward to its finished lot and every material lot.
  Reads the store without changing it. Exit 1 when nothing is linked.
  --recall: the recall report of LOT (what was made from it, totals, holds in force).
  --dhr: the device history record of a finished lot, or of a serial (its lot's record with
  the serial's own section). --pdf writes either as a PDF file.
  --tz ZONE: the IANA zone the PDF prints times in (America/Monterrey, Europe/Berlin, UTC), each
  with its UTC offset; default the station's configured zone, else this computer's.`,
  async run(argv, io) {
    const { values, positionals } = parseCli(
      argv,
      {
        forward: { type: 'boolean', default: false },
        backward: { type: 'boolean', default: false },
        recall: { type: 'boolean', default: false },
        dhr: { type: 'boolean', default: false },
        pdf: { type: 'string' },
        lang: { type: 'string', default: 'en' },
        paper: { type: 'string', default: 'A4' },
        tz: { type: 'string' },
        json: { type: 'boolean', default: false },
        data: { type: 'string' },
        db: { type: 'string' },
      },
      true,
    );
    const lot = positionals[0];
    if (!lot || positionals.length > 1) throw new UsageError('name one lot or serial: `lotline trace LOT`');
    if (values.forward && values.backward) throw new UsageError('say --forward or --backward, not both');
    if (values.recall && values.dhr) throw new UsageError('say --recall or --dhr, not both');
    const report = values.recall ? 'recall' : values.dhr ? 'dhr' : null;
    if (report && (values.forward || values.backward)) throw new UsageError(`--${report} is a report, not a direction: drop --forward / --backward`);
    if (values.pdf !== undefined && !report) throw new UsageError('--pdf needs --recall or --dhr');
    if (values.pdf !== undefined && values.json) throw new UsageError('say --pdf or --json, not both');
    if (!(REPORT_LANGS as readonly string[]).includes(values.lang)) throw new UsageError(`--lang is one of ${REPORT_LANGS.join(', ')}`);
    const paper = values.paper.toUpperCase();
    if (paper !== 'A4' && paper !== 'LETTER') throw new UsageError('--paper is A4 or LETTER');
    if (values.tz !== undefined && values.pdf === undefined) throw new UsageError('--tz is for --pdf: JSON and text keep ISO times in UTC');
    const timeZone = values.tz === undefined ? undefined : isTimeZone(values.tz) ? values.tz : undefined;
    if (values.tz !== undefined && timeZone === undefined) throw new UsageError(`--tz: "${values.tz}" is not a known IANA time zone (e.g. America/Monterrey, Europe/Berlin, UTC)`);
    const direction = values.forward ? 'forward' : 'backward';
    const file = values.db ?? join(values.data ?? defaultDataDir(), 'station.db');
    if (!existsSync(file)) throw new UsageError(`no station database at ${file}`);
    const store = openStore(file, { readonly: true });
    try {
      if (report) {
        const o = { lang: values.lang as ReportLang, now: new Date(), size: paper as 'A4' | 'LETTER', timeZone };
        if (values.pdf !== undefined) {
          const pdf = report === 'recall' ? await recallPdfBytes(store.sqlite, lot, o) : await dhrPdfBytes(store.sqlite, lot, o);
          writeFileSync(values.pdf, pdf);
          write(io.stdout, `${values.pdf}: ${report === 'recall' ? 'recall report' : 'device history record'} of ${lot}, ${pdf.length} bytes`);
          return 0;
        }
        if (report === 'dhr') {
          const { html: _html, ...d } = deviceHistory(store.sqlite, lot);
          const head = d.serial ? `serial ${d.serial.serial} of ${d.finishedLotId}` : d.finishedLotId;
          const serials = d.serials ? ` · serials ${d.serials.count} (${d.serials.first} – ${d.serials.last})` : '';
          write(io.stdout, values.json ? JSON.stringify(d) : `${head} — ${d.productItemId} · ${d.workOrderId} · ${d.state} · ${d.quantity}${serials} · ${d.records.length} records, ${d.records.filter((r) => r.signature).length} signed`);
          return 0;
        }
        const { csv: _csv, ...r } = buildRecallReport(store.sqlite, lot, o.now);
        if (values.json) write(io.stdout, JSON.stringify(r));
        else {
          write(io.stdout, `${lot} — recall: ${r.totals.finishedLots} finished lots, ${r.totals.serials} serials, quantity ${r.totals.quantity}`);
          for (const x of r.rows) write(io.stdout, `  ${x.outputId}  ${[x.kind, x.itemId, x.quantity, x.status, x.station, x.madeAt, x.ambiguous ? 'AMBIGUOUS' : null].filter((v) => v !== null && v !== '').join(' · ')}`);
        }
        return r.rows.length ? 0 : 1;
      }
      const nodes = trace(store.sqlite, lot, direction);
      if (values.json) write(io.stdout, JSON.stringify({ root: lot, direction, nodes }));
      else if (nodes.length === 0) write(io.stdout, `${lot}: nothing linked ${direction === 'forward' ? 'from' : 'into'} it`);
      else {
        write(io.stdout, `${lot} — ${direction} (${nodes.length})`);
        for (const n of nodes) {
          const parts = [n.kind, n.itemId, n.status, n.supplierLot && `supplier lot ${n.supplierLot}`, n.workOrderId, n.station, n.ambiguous ? 'AMBIGUOUS' : null].filter(Boolean);
          write(io.stdout, `${'  '.repeat(n.depth)}${n.lotId}  ${parts.join(' · ')}`);
        }
      }
      return nodes.length ? 0 : 1;
    } finally {
      store.close();
    }
  },
};
