// Zebra `~HS` host status: three STX…ETX strings decoded into flags the station acts on.
// Pure; a reply that is incomplete or malformed is reported, never half-trusted.

export interface PrinterStatus {
  readonly reachable: true;
  readonly paperOut: boolean;
  readonly paused: boolean;
  readonly labelLengthDots: number;
  readonly formatsInBuffer: number;
  readonly bufferFull: boolean;
  readonly diagnosticMode: boolean;
  readonly partialFormat: boolean;
  readonly corruptRam: boolean;
  readonly underTemperature: boolean;
  readonly overTemperature: boolean;
  readonly headOpen: boolean;
  readonly ribbonOut: boolean;
  readonly thermalTransfer: boolean;
  /** 0 tear-off, 1 peel-off, 2 rewind, 3 applicator, 4 cutter, 5 delayed cut, ... (printer manual). */
  readonly printMode: number;
  readonly labelWaiting: boolean;
  readonly labelsRemaining: number;
  readonly graphicsStored: number;
}

/** What a status request can tell: a parsed ~HS, or a printer that stayed silent (state unknown). */
export type LabelPrinterStatus = PrinterStatus | { readonly reachable: false; readonly silent: true };

export type HsParse =
  | { readonly ok: true; readonly status: PrinterStatus }
  | { readonly ok: false; readonly why: string };

export const HS_QUERY = '~HS';
const STX = '\x02';
const ETX = '\x03';

/** True once three complete STX…ETX strings have arrived (used to stop reading). */
export function hsComplete(bytes: Uint8Array): boolean {
  let n = 0;
  for (const b of bytes) if (b === 0x03) n++;
  return n >= 3;
}

function flag(v: string | undefined, field: string): boolean {
  if (v === '0') return false;
  if (v === '1') return true;
  throw new Error(`${field} is "${v ?? ''}", expected 0 or 1`);
}

function int(v: string | undefined, field: string): number {
  if (v === undefined || !/^\d+$/.test(v)) throw new Error(`${field} is "${v ?? ''}", expected digits`);
  return Number(v);
}

export function parseHostStatus(raw: string): HsParse {
  const strings: string[] = [];
  const re = /\x02([^\x02\x03]*)\x03/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) strings.push(m[1]!);
  if (strings.length < 3) return { ok: false, why: `expected 3 status strings, got ${strings.length}` };
  const leftover = raw.replace(re, '').replace(/[\r\n]/g, '');
  if (leftover.includes(STX) || leftover.includes(ETX) || leftover.trim()) return { ok: false, why: 'bytes outside the status strings' };
  const a = strings[0]!.split(',');
  const b = strings[1]!.split(',');
  if (a.length !== 12) return { ok: false, why: `string 1 has ${a.length} fields, expected 12` };
  if (b.length !== 11) return { ok: false, why: `string 2 has ${b.length} fields, expected 11` };
  try {
    return {
      ok: true,
      status: {
        reachable: true,
        paperOut: flag(a[1], 'paper out'),
        paused: flag(a[2], 'pause'),
        labelLengthDots: int(a[3], 'label length'),
        formatsInBuffer: int(a[4], 'formats in buffer'),
        bufferFull: flag(a[5], 'buffer full'),
        diagnosticMode: flag(a[6], 'diagnostic mode'),
        partialFormat: flag(a[7], 'partial format'),
        corruptRam: flag(a[9], 'corrupt RAM'),
        underTemperature: flag(a[10], 'under temperature'),
        overTemperature: flag(a[11], 'over temperature'),
        headOpen: flag(b[2], 'head up'),
        ribbonOut: flag(b[3], 'ribbon out'),
        thermalTransfer: flag(b[4], 'thermal transfer'),
        printMode: int(b[5], 'print mode'),
        labelWaiting: flag(b[7], 'label waiting'),
        labelsRemaining: int(b[8], 'labels remaining'),
        graphicsStored: int(b[10], 'graphics stored'),
      },
    };
  } catch (err) {
    return { ok: false, why: (err as Error).message };
  }
}

export type HsFlags = Partial<Omit<PrinterStatus, 'reachable'>>;

/** What a printer in the given condition answers to ~HS (the simulator speaks through this). */
export function formatHostStatus(f: HsFlags): string {
  const b = (x: boolean | undefined) => (x ? '1' : '0');
  const n = (x: number | undefined, w: number) => String(x ?? 0).padStart(w, '0');
  const s1 = ['030', b(f.paperOut), b(f.paused), n(f.labelLengthDots ?? 1218, 4), n(f.formatsInBuffer, 3), b(f.bufferFull), b(f.diagnosticMode), b(f.partialFormat), '000', b(f.corruptRam), b(f.underTemperature), b(f.overTemperature)];
  const s2 = ['001', '0', b(f.headOpen), b(f.ribbonOut), b(f.thermalTransfer), String(f.printMode ?? 0), '0', b(f.labelWaiting), n(f.labelsRemaining, 8), '1', n(f.graphicsStored, 3)];
  const s3 = ['1234', '0'];
  return [s1, s2, s3].map((s) => `${STX}${s.join(',')}${ETX}\r\n`).join('');
}

/** The reasons this status blocks printing, most urgent first, as device error codes. */
export function blockingReasons(s: PrinterStatus): Array<'head_open' | 'paper_out' | 'ribbon_out' | 'paused' | 'buffer_full' | 'over_temperature' | 'under_temperature' | 'corrupt_ram'> {
  const out: ReturnType<typeof blockingReasons> = [];
  if (s.headOpen) out.push('head_open');
  if (s.paperOut) out.push('paper_out');
  // Direct-thermal media has no ribbon to run out; the flag only blocks in thermal-transfer mode.
  if (s.ribbonOut && s.thermalTransfer) out.push('ribbon_out');
  if (s.paused) out.push('paused');
  if (s.bufferFull) out.push('buffer_full');
  if (s.overTemperature) out.push('over_temperature');
  if (s.underTemperature) out.push('under_temperature');
  if (s.corruptRam) out.push('corrupt_ram');
  return out;
}
