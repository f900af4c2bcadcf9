// The floor board as a supervisor sees it: Debian's Chromium (headless, driven by
// Playwright, loaded only here so the CLI does not carry it otherwise) opens the server's
// /board/ page signed in and waits until every station's tile is in the page and painted.
// Times come from the page's own clock (performance.now() counts from the start of the
// navigation), taken just after the first frame painted once the last tile was in the page
// (most tiles are below the fold of a 1080p screen: "visible" means in the page, laid out
// and painted), so Playwright's polling does not add to them. The baseline is the same page without a
// session: navigation → the sign-in form painted (HTML, scripts, React; no data).
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.LOTLINE_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface RenderTimes {
  /** navigation → `tiles` tiles painted, signed in (ms, one per run). */
  readonly board: number[];
  /** navigation → the sign-in form painted, no session (ms, one per run). */
  readonly signIn: number[];
}

/**
 * Installed before any page script: records `window.__paintedAt` (ms since navigation start)
 * once the first frame after `selector` matched at least `count` elements has painted.
 */
const watchScript = (selector: string, count: number) => `(() => {
  const check = () => {
    if (document.querySelectorAll(${JSON.stringify(selector)}).length < ${count}) return;
    observer.disconnect();
    // The frame's callbacks run before its paint; a message posted from one is handled after it.
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { window.__paintedAt = performance.now(); };
      ch.port2.postMessage(null);
    });
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
})();`;

/** Returns undefined (and says why) when Chromium or Playwright is not there. */
export async function measureBoardRender(
  url: string,
  user: { username: string; password: string },
  tiles: number,
  runs: number,
  log: (l: string) => void,
): Promise<RenderTimes | undefined> {
  if (!existsSync(CHROMIUM)) {
    log(`no Chromium at ${CHROMIUM}; the board render figures are skipped`);
    return undefined;
  }
  let chromium: typeof import('@playwright/test').chromium;
  try {
    ({ chromium } = await import('@playwright/test'));
  } catch (err) {
    log(`Playwright is not installed (${(err as Error).message}); the board render figures are skipped`);
    return undefined;
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    // A 1080p wall screen, as issue 9 asks the board to be read on.
    const viewport = { width: 1920, height: 1080 };
    const board = await (await browser.newContext({ viewport })).newPage();
    const blank = await (await browser.newContext({ viewport })).newPage();
    await board.addInitScript(watchScript('[data-testid^="tile-"]', tiles));
    await blank.addInitScript(watchScript('input[type="password"]', 1));

    // Sign in once through the form; the session then lives in the tab's sessionStorage.
    await board.goto(`${url}/board/`);
    await board.getByLabel('User').fill(user.username);
    await board.getByLabel('Password').fill(user.password);
    await board.getByRole('button', { name: 'Sign in' }).click();
    await board.locator('[data-testid^="tile-"]').nth(tiles - 1).waitFor({ timeout: 120_000 });

    const once = async (page: typeof board): Promise<number> => {
      await page.goto(`${url}/board/`, { waitUntil: 'commit' });
      // Functions, not strings: the page's CSP refuses eval, which string predicates need.
      await page.waitForFunction(() => (globalThis as { __paintedAt?: number }).__paintedAt !== undefined, undefined, { timeout: 120_000, polling: 50 });
      return (await page.evaluate(() => (globalThis as { __paintedAt?: number }).__paintedAt))!;
    };
    // The first navigation of each warms the HTTP cache (the board's scripts are immutable-cached, as on a wall screen left running).
    await once(board);
    await once(blank);
    const times: RenderTimes = { board: [], signIn: [] };
    for (let i = 0; i < runs; i++) {
      times.board.push(await once(board));
      times.signIn.push(await once(blank));
    }
    return times;
  } finally {
    await browser.close();
  }
}
