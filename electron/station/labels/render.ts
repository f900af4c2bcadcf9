// One call from template id and data to printer text or preview, for the CLI, the bench and the
// runtime's print flow: the label is prepared once and every output is drawn from that layout.
import type { LabelData } from '../../../shared/label/bind';
import { fail, ok, type Dpi, type LabelResult } from '../../../shared/label/template';
import { prepareLabel, type PreparedLabel } from '../../../shared/label/validate';
import { renderZpl } from '../../../shared/label/zpl';
import { LabelImages } from './images';
import { renderPreviewPng, renderPreviewSvg } from './preview';
import { labelsDir, loadTemplate, readLabelImage, type LoadedTemplate } from './templates';

export type LabelFormat = 'zpl' | 'svg' | 'png';

export interface RenderOptions {
  readonly format: LabelFormat;
  readonly dpi?: Dpi;
  readonly referenceYear?: number;
  readonly images?: LabelImages;
}

export interface RenderedLabel {
  readonly prepared: PreparedLabel;
  readonly format: LabelFormat;
  /** ZPL and SVG as text, PNG as bytes. */
  readonly output: string | Buffer;
}

let shared: LabelImages | undefined;
/** One image cache per process for the shipped labels folder. */
export const defaultImages = (): LabelImages => (shared ??= new LabelImages((src) => readLabelImage(src, labelsDir())));

export function renderLoaded(loaded: LoadedTemplate, data: LabelData, opts: RenderOptions): LabelResult<RenderedLabel> {
  const prepared = prepareLabel(loaded.template, data, { dpi: opts.dpi, referenceYear: opts.referenceYear });
  if (!prepared.ok) return prepared;
  const images = opts.images ?? defaultImages();
  const layout = prepared.value.layout;
  try {
    switch (opts.format) {
      case 'zpl': {
        const z = renderZpl(layout, { graphics: images.graphicsFor(layout) });
        return z.ok ? ok({ prepared: prepared.value, format: 'zpl', output: z.value }) : z;
      }
      case 'svg':
        return ok({ prepared: prepared.value, format: 'svg', output: renderPreviewSvg(layout, images) });
      case 'png':
        return ok({ prepared: prepared.value, format: 'png', output: renderPreviewPng(layout, images) });
    }
  } catch (err) {
    // An unreadable image file or a symbol bwip-js refuses: still a named failure, never half a label.
    return fail([{ field: `template ${loaded.template.id}`, message: (err as Error).message }]);
  }
}

export function renderLabel(templateId: string, data: LabelData, opts: RenderOptions): LabelResult<RenderedLabel> {
  const loaded = loadTemplate(templateId);
  return loaded.ok ? renderLoaded(loaded.value, data, opts) : loaded;
}
