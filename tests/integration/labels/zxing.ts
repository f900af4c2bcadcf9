// zxing-wasm for tests, offline: the reader's .wasm is handed over from node_modules (by default
// it is fetched from a CDN, which this network cannot reach).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { prepareZXingModule, readBarcodes, type ReadResult } from 'zxing-wasm/reader';

let ready: Promise<unknown> | undefined;

export async function decodeAll(png: Buffer): Promise<ReadResult[]> {
  if (!ready) {
    // .../zxing-wasm/dist/cjs/reader/index.js → .../zxing-wasm/dist/reader/zxing_reader.wasm
    const entry = createRequire(import.meta.url).resolve('zxing-wasm/reader');
    const bin = readFileSync(join(dirname(entry), '..', '..', 'reader', 'zxing_reader.wasm'));
    const wasmBinary = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer;
    ready = prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
  }
  await ready;
  return readBarcodes(new Uint8Array(png), { textMode: 'Plain', tryHarder: true, maxNumberOfSymbols: 16 });
}
