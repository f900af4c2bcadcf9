#!/usr/bin/env node
// Generates shared/barcode/gs1-ai-table.generated.ts from GS1's Barcode Syntax Dictionary
// (resources/gs1/gs1-syntax-dictionary.txt). `--check` regenerates in memory and exits 1 when
// the committed file is stale, so a dictionary update cannot silently leave the table behind.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DICTIONARY = join(root, 'resources', 'gs1', 'gs1-syntax-dictionary.txt');
export const OUTPUT = join(root, 'shared', 'barcode', 'gs1-ai-table.generated.ts');

/** Parses one component such as `N14,csum,gcppos2`, `X..20`, `[N..4]` or `[N3],iso3166`. */
function parseComponent(text, where) {
  const m = /^(\[?)([NXYZ])(\.\.)?(\d+)(\]?)((?:,[a-z0-9]+)*)$/.exec(text);
  if (!m) throw new Error(`${where}: cannot read component "${text}"`);
  const [, open, cset, dots, len, close, linters] = m;
  if ((open === '[') !== (close === ']')) throw new Error(`${where}: unbalanced brackets in "${text}"`);
  const n = Number(len);
  return {
    cset,
    min: dots ? 1 : n,
    max: n,
    optional: open === '[',
    linters: linters ? linters.slice(1).split(',') : [],
  };
}

/** `01+21,02,35nn` → [['01','21'],['02'],['35nn']] */
function parseGroups(value) {
  return value.split(',').map((g) => g.split('+'));
}

/** Returns the dictionary entries in file order; throws on a line it cannot read. */
export function parseDictionary(text) {
  const entries = [];
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const where = `line ${index + 1}`;
    const hash = rawLine.indexOf('#');
    const body = (hash >= 0 ? rawLine.slice(0, hash) : rawLine).trim();
    if (!body) return;
    const title = hash >= 0 ? rawLine.slice(hash + 1).trim() : '';
    const tokens = body.split(/\s+/);
    const range = tokens.shift();
    const rm = /^(\d{2,4})(?:-(\d{2,4}))?$/.exec(range);
    if (!rm) throw new Error(`${where}: cannot read AI "${range}"`);
    const first = rm[1];
    const last = rm[2] ?? rm[1];
    let flags = '';
    if (tokens[0] && /^[*!?"$%&'()+,\-./:;<=>@[\\\]^_`{|}~]+$/.test(tokens[0])) flags = tokens.shift();
    const components = [];
    while (tokens[0] && /^\[?[NXYZ]/.test(tokens[0])) components.push(parseComponent(tokens.shift(), where));
    if (components.length === 0) throw new Error(`${where}: AI ${range} has no specification`);
    const req = [];
    const ex = [];
    let dlpkey = null;
    for (const t of tokens) {
      const [key, value] = t.split('=', 2);
      if (key === 'req') req.push(parseGroups(value));
      else if (key === 'ex') ex.push(...value.split(','));
      else if (key === 'dlpkey') dlpkey = value ? value.split('|').map((s) => s.split(',')) : [[]];
      else throw new Error(`${where}: unknown attribute "${t}"`);
    }
    entries.push({ first, last, predefinedLength: flags.includes('*'), dlAttribute: flags.includes('?'), components, req, ex, dlpkey, title });
  });
  return entries;
}

/** The TypeScript module text for the entries; deterministic so --check can compare bytes. */
export function render(entries) {
  const lines = [
    '// GENERATED — DO NOT EDIT. Regenerate with `node scripts/gen-gs1-table.mjs`.',
    '// Source: resources/gs1/gs1-syntax-dictionary.txt (GS1 Barcode Syntax Dictionary,',
    '// (c) GS1 AISBL, BWIPP and Zint projects, Apache-2.0; see resources/gs1/NOTICE).',
    "import type { Gs1DictionaryEntry } from './gs1-ai-spec';",
    '',
    'export const GS1_DICTIONARY: readonly Gs1DictionaryEntry[] = [',
  ];
  for (const e of entries) lines.push(`  ${JSON.stringify(e)},`);
  lines.push('];', '');
  return lines.join('\n');
}

export function generate(dictionaryText) {
  return render(parseDictionary(dictionaryText));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const text = generate(readFileSync(DICTIONARY, 'utf8'));
  if (process.argv.includes('--check')) {
    let current = '';
    try { current = readFileSync(OUTPUT, 'utf8'); } catch { /* missing counts as stale */ }
    if (current !== text) {
      console.error(`${OUTPUT} is stale; run: node scripts/gen-gs1-table.mjs`);
      process.exit(1);
    }
    console.log('gs1 table: up to date');
  } else {
    writeFileSync(OUTPUT, text);
    console.log(`wrote ${OUTPUT}`);
  }
}
