// Reads PDFs back with poppler (pdftotext, pdfinfo — Debian's poppler-utils, installed by
// scripts/setup.sh), so report tests check what a reader of the file would see.
import { execFileSync } from 'node:child_process';

/** Text of a PDF (or of one page of it) as poppler extracts it. */
export function pdfToText(file: string, page?: number): string {
  return execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

export function pdfPages(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
}
