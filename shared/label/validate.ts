// The one gate between label data and a printer: template, data, GS1 values and fit are checked
// together, and either every error is returned (each naming its field) or the whole label is.
import { bindLabel, type BindOptions, type BoundLabel, type LabelData } from './bind';
import { layoutLabel, type LabelLayout } from './layout';
import { fail, ok, type Dpi, type LabelResult, type LabelTemplate } from './template';
import { renderZpl, type ZplOptions } from './zpl';
import { renderedLabelData, type RenderedLabelData } from './verify';

export interface PreparedLabel {
  readonly bound: BoundLabel;
  readonly layout: LabelLayout;
  /** What the barcodes carry, kept with the print event and used to verify the scan-back. */
  readonly printed: RenderedLabelData;
}

export interface PrepareOptions extends BindOptions {
  /** Printer resolution; default: the template's own. */
  readonly dpi?: Dpi;
}

export function prepareLabel(template: LabelTemplate, data: LabelData, opts: PrepareOptions = {}): LabelResult<PreparedLabel> {
  const bound = bindLabel(template, data, opts);
  if (!bound.ok) return bound;
  const layout = layoutLabel(bound.value, opts.dpi ?? template.dpi);
  if (!layout.ok) return layout;
  return ok({ bound: bound.value, layout: layout.value, printed: renderedLabelData(layout.value) });
}

/** Data errors only (an empty list means the data would print), for forms that check as you type. */
export function validateLabelData(template: LabelTemplate, data: LabelData, opts: PrepareOptions = {}): LabelResult<true> {
  const r = prepareLabel(template, data, opts);
  return r.ok ? ok(true) : fail(r.errors);
}

/** prepareLabel, then ZPL: the whole path from data to printer text. */
export function labelToZpl(template: LabelTemplate, data: LabelData, opts: PrepareOptions & ZplOptions = {}): LabelResult<{ zpl: string; prepared: PreparedLabel }> {
  const prepared = prepareLabel(template, data, opts);
  if (!prepared.ok) return prepared;
  const zpl = renderZpl(prepared.value.layout, opts);
  return zpl.ok ? ok({ zpl: zpl.value, prepared: prepared.value }) : zpl;
}
