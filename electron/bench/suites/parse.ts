// Bench of the barcode parser: throughput and per-scan latency over a realistic station mix,
// against JSON.parse of an equally long JSON string measured in the same run, and a fuzz run
// of mutated scans that must answer every one without an exception.
import { parseScan } from '../../../shared/barcode/parse';
import { figure, percentile, type BenchSuite } from '../figure';

const G = '\u001d';
const R = '\u001e';
const E = '\u0004';

/** Roughly what a receiving/SMT station sees: reels, GS1 packs, internal labels, some wedge damage. */
const MIX: readonly string[] = [
  ']C10109501101530003172501001010ABC',
  `]d20109501101530003${'17'}270131${'10'}LOT42${G}21SER1${G}3103001250`,
  '(01)09501101530003(17)250100(10)ABC',
  'https://id.gs1.org/01/09506000134352/10/ABC123?17=271231',
  `[)>${R}06${G}P296-1234-1-ND${G}1PSN74LVC1G08DBVR${G}30P296-1234-1-ND${G}KPO-7781${G}1K76543210${G}10K87654321${G}11K1${G}4LMY${G}Q250${G}11ZPICK${G}12Z1234567${G}13Z999999${G}20Z${'0'.repeat(20)}${R}${E}`,
  `>[)>${R}06${G}KPO-7781${G}14K002${G}1PGRM155R71C104KA88D${G}Q1000${G}11K061234567${G}4LJP${G}1VMurata${R}${E}`,
  '[)>␞06␝1PSN74LVC1G08DBVR␝Q250␞␄',
  '+A99912345/$$52001510X33',
  '{pbn:PICK2207080016,on:SO2207081231,pc:C2040,pm:RP2040,qty:50,mc:,cc:1,pdi:64123456,hp:0,wc:ZH}',
  'QTY:10 PN:ABC-123 MFR:VISHAY MPN:CRCW0603 PO:1234567/8 https://www.tme.eu/details/abc-123',
  'LL-LOT-01ARZ3NDEKTSV4RRFFQ69G5FAV',
  'LL-SLOT-L2-F12',
];

/** Deterministic PRNG (mulberry32) so two runs fuzz the same inputs. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOISE = ['\u001d', '\u001e', '\u0004', '␝', '^', '(', ')', '[', ']', '$', '+', '/', '0', '1', '9', 'A', 'z', '\n', '\u0000', '\u{1F600}', 'LL-', ']C1', ']d2', '[)>'];

function mutate(s: string, next: () => number): string {
  let out = s;
  const edits = 1 + Math.floor(next() * 4);
  for (let k = 0; k < edits; k++) {
    const i = Math.floor(next() * (out.length + 1));
    const noise = NOISE[Math.floor(next() * NOISE.length)]!;
    switch (Math.floor(next() * 5)) {
      case 0: out = out.slice(0, i) + noise + out.slice(i); break;
      case 1: out = out.slice(0, i) + out.slice(i + 1); break;
      case 2: out = out.slice(0, i) + noise + out.slice(i + 1); break;
      case 3: out = out.slice(0, i); break;
      default: out = out + out.slice(i); break;
    }
  }
  return out;
}

export const parseSuite: BenchSuite = {
  name: 'parse',
  summary: 'barcode parser: scans/s and µs per scan over a station mix; fuzz of mutated scans',
  async run({ quick, log }) {
    const n = quick ? 20_000 : 200_000;
    const fuzzN = quick ? 50_000 : 1_000_000;
    const opts = { referenceYear: 2025 } as const;
    const baselineInputs = MIX.map((s) => JSON.stringify(s)); // same text, same length: the floor of any string work

    for (let i = 0; i < 2_000; i++) parseScan(MIX[i % MIX.length]!, opts); // warm-up: JIT, regex caches

    const parseUs: number[] = [];
    const baseUs: number[] = [];
    let sink = 0;
    let t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      const r = parseScan(MIX[i % MIX.length]!, opts);
      parseUs.push((performance.now() - s) * 1000);
      sink += r.elements.length;
    }
    const parseMs = performance.now() - t0;
    t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      const v = JSON.parse(baselineInputs[i % baselineInputs.length]!) as string;
      baseUs.push((performance.now() - s) * 1000);
      sink += v.length;
    }
    const baseMs = performance.now() - t0;
    log(`${n} scans parsed (${MIX.length}-label mix), checksum ${sink}`);

    const next = rng(0x5ca11);
    let answered = 0;
    let exceptions = 0;
    let firstException = '';
    t0 = performance.now();
    for (let i = 0; i < fuzzN; i++) {
      const raw = mutate(MIX[i % MIX.length]!, next);
      try {
        const r = parseScan(raw, { referenceYear: 2025, wedge: { gsDropped: i % 7 === 0, gsSubstitute: '^' } });
        if (r.ok || r.error) answered++;
      } catch (err) {
        exceptions++;
        firstException ||= `${JSON.stringify(raw)}: ${(err as Error).message}`;
      }
    }
    const fuzzMs = performance.now() - t0;
    if (firstException) log(`first exception: ${firstException}`);
    log(`fuzz: ${fuzzN} mutated scans in ${(fuzzMs / 1000).toFixed(1)} s`);

    return [
      figure({ metric: 'parse throughput', value: (n / parseMs) * 1000, unit: 'scans/s', baseline: 'JSON.parse of the same scans as JSON strings', baselineValue: (n / baseMs) * 1000 }),
      figure({ metric: 'parse p50', value: percentile(parseUs, 50), unit: 'µs/scan', baseline: 'JSON.parse p50', baselineValue: percentile(baseUs, 50) }),
      figure({ metric: 'parse p99', value: percentile(parseUs, 99), unit: 'µs/scan', baseline: 'JSON.parse p99', baselineValue: percentile(baseUs, 99) }),
      figure({ metric: 'fuzz answered', value: answered, unit: 'scans', budget: `all ${fuzzN}` }),
      figure({ metric: 'fuzz exceptions', value: exceptions, unit: 'count', budget: '0' }),
    ];
  },
};
