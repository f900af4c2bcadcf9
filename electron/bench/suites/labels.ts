// Bench of the label engine: ZPL per label (validate, bind, GS1 encode, layout, render) beside a
// plain string template of the same fields with no checks, measured in the same run; and the
// preview PNG per label.
import type { LabelData } from '../../../shared/label/bind';
import { labelToZpl } from '../../../shared/label/validate';
import { defaultImages, renderLoaded } from '../../station/labels/render';
import { loadTemplate } from '../../station/labels/templates';
import { figure, percentile, type BenchSuite } from '../figure';

/** What a hand-written ZPL string would be for the UDI label: same fields, no layout, no validation. */
function plainZpl(d: Record<string, string | number>): string {
  return `^XA^CI28^PW1181^LL1063
^FO354,30^A0N,41,41^FD${d.productName}^FS
^FO154,165^A0N,41,41^FD${d.ref}^FS
^FO154,272^A0N,41,41^FD${d.lot}^FS
^FO154,378^A0N,41,41^FD${d.serial}^FS
^FO154,484^A0N,41,41^FD${d.productionDate}^FS
^FO567,484^A0N,41,41^FD${d.expiry}^FS
^FO154,573^A0N,30,30^FB709,3,0,L,0^FD${d.manufacturer}^FS
^FO874,154^BXN,5,200,,,6,_^FD_101${d.gtin}11${String(d.productionDate).replace(/-/g, '').slice(2)}17${String(d.expiry).replace(/-/g, '').slice(2)}10${d.lot}_121${d.serial}_130${d.quantity}^FS
^FO59,685^BY3^BCN,106,N,N,N,N^FD>;>801${d.gtin}11${String(d.productionDate).replace(/-/g, '').slice(2)}17${String(d.expiry).replace(/-/g, '').slice(2)}^FS
^FO59,874^BY3^BCN,106,N,N,N,N^FD>;>810>6${d.lot}^FS
^XZ`;
}

function time(n: number, fn: (i: number) => void): number[] {
  const us: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    fn(i);
    us.push((performance.now() - s) * 1000);
  }
  return us;
}

export const labelsSuite: BenchSuite = {
  name: 'labels',
  summary: 'label engine: ZPL render per label (vs a plain string template) and preview PNG per label',
  async run({ quick, log }) {
    const loaded = loadTemplate('fg-udi-lot');
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('; '));
    const { template, example } = loaded.value;
    const images = defaultImages();
    const base = example as Record<string, string | number>;
    // Distinct lots and serials so nothing is served from a cache the real flow would not have.
    const data = (i: number): LabelData => ({ ...base, lot: `L2611-${i % 9973}`, serial: `SN${String(i).padStart(8, '0')}` });
    const n = quick ? 2_000 : 20_000;
    const pngN = quick ? 20 : 200;
    const graphics = images.graphicsFor((() => {
      const r = renderLoaded(loaded.value, example!, { format: 'zpl', images });
      if (!r.ok) throw new Error('example does not render');
      return r.value.prepared.layout;
    })());
    let sink = 0;
    for (let i = 0; i < 500; i++) sink += plainZpl(data(i) as Record<string, string | number>).length + (labelToZpl(template, data(i), { graphics }).ok ? 1 : 0);

    const zplUs = time(n, (i) => {
      const r = labelToZpl(template, data(i), { graphics });
      if (!r.ok) throw new Error(r.errors[0]!.message);
      sink += r.value.zpl.length;
    });
    const plainUs = time(n, (i) => {
      sink += plainZpl(data(i) as Record<string, string | number>).length;
    });
    const pngMs = time(pngN, (i) => {
      const r = renderLoaded(loaded.value, data(i), { format: 'png', images });
      if (!r.ok) throw new Error(r.errors[0]!.message);
      sink += r.value.output.length;
    }).map((us) => us / 1000);
    log(`${n} UDI labels to ZPL, ${pngN} to PNG (1181×1063 dots), checksum ${sink}`);

    return [
      figure({ metric: 'label ZPL p50', value: percentile(zplUs, 50), unit: 'µs/label', baseline: 'plain string-template ZPL p50 (no layout, no validation)', baselineValue: percentile(plainUs, 50) }),
      figure({ metric: 'label ZPL p99', value: percentile(zplUs, 99), unit: 'µs/label', baseline: 'plain string-template ZPL p99', baselineValue: percentile(plainUs, 99) }),
      figure({ metric: 'label preview PNG p50', value: percentile(pngMs, 50), unit: 'ms/label' }),
      figure({ metric: 'label preview PNG p99', value: percentile(pngMs, 99), unit: 'ms/label' }),
    ];
  },
};
