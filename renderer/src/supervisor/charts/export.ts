// Exports a chart as PNG from its ECharts instance. The board draws with the SVG renderer,
// whose getDataURL() gives an SVG document: it is drawn onto a canvas at `scale` and encoded
// as PNG. A canvas-rendered chart already gives PNG. Browser only (uses the DOM).
// The CSV export of the figures is the server's (`/board/api/charts?format=csv`).
import type { EChartsType } from './echarts';
import { saveBlob } from '../api';
import { CHART_BACKGROUND } from './options';

export async function chartToPng(chart: EChartsType, filename: string, scale = 2): Promise<void> {
  const url = chart.getDataURL({ type: 'png', pixelRatio: scale, backgroundColor: CHART_BACKGROUND });
  const blob = url.startsWith('data:image/png') ? dataUrlBlob(url) : await rasterize(url, chart.getWidth(), chart.getHeight(), scale);
  saveBlob(blob, filename);
}

/** Decodes a base64 data URL (fetch() of a data: URL is refused by the board's connect-src). */
function dataUrlBlob(url: string): Blob {
  const [head, data = ''] = url.split(',', 2);
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: head!.slice(5).split(';')[0] });
}

async function rasterize(svgUrl: string, width: number, height: number, scale: number): Promise<Blob> {
  const img = new Image();
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('the chart could not be drawn'));
    img.src = svgUrl;
  });
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no canvas');
  ctx.fillStyle = CHART_BACKGROUND;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('PNG encoding failed');
  return blob;
}
