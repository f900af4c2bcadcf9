// From a scanner frame to scan text: strip the configured prefix/suffix and, when enabled,
// take a leading AIM symbology identifier (`]` + code + modifier) out as the symbology.

export interface ScanTextOptions {
  readonly prefix?: string;
  readonly suffix?: string;
  /** The scanner is programmed to transmit AIM identifiers: keep `]xx` as symbologyId. */
  readonly aim?: boolean;
}

export type ScanText =
  | { readonly ok: true; readonly text: string; readonly symbologyId?: string }
  | { readonly ok: false; readonly why: string };

const AIM = /^\][A-Za-z][0-9A-Za-z]/;

export function toScanText(frame: string, o: ScanTextOptions): ScanText {
  let t = frame;
  if (o.prefix) {
    if (!t.startsWith(o.prefix)) return { ok: false, why: `scan does not start with the configured prefix ${JSON.stringify(o.prefix)}` };
    t = t.slice(o.prefix.length);
  }
  if (o.suffix) {
    if (!t.endsWith(o.suffix)) return { ok: false, why: `scan does not end with the configured suffix ${JSON.stringify(o.suffix)}` };
    t = t.slice(0, t.length - o.suffix.length);
  }
  if (o.aim) {
    if (!AIM.test(t)) return { ok: false, why: 'AIM identifiers are enabled but the scan has none' };
    const id = t.slice(0, 3);
    t = t.slice(3);
    if (!t) return { ok: false, why: 'empty scan' };
    return { ok: true, text: t, symbologyId: id };
  }
  if (!t) return { ok: false, why: 'empty scan' };
  return { ok: true, text: t };
}
