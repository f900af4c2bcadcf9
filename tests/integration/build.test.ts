// The dist/ that Playwright, the bench and `npm start` serve is built by this suite's global
// setup, inside vitest (NODE_ENV=test). It must still be React's production build: the
// development build bundled jsxDEV and its warnings and painted the board ~2× slower.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/station';

describe('the renderer build', () => {
  it('is a production build even when built from the test runner', () => {
    expect(process.env.NODE_ENV).toBe('test');
    const assets = join(ROOT, 'dist', 'renderer', 'assets');
    const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(scripts.some((f) => f.startsWith('index-'))).toBe(true);
    for (const f of scripts) {
      const code = readFileSync(join(assets, f), 'utf8');
      expect(code, f).not.toContain('jsxDEV');
      expect(code, f).not.toContain('Download the React DevTools');
    }
  });
});
