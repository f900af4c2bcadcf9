// Which page the shell's window shows and where it may go, decided from what the station
// runtime reports at start: a supervisor station shows the central server's board, every
// other station its own UI. Pure (no electron import), so the decision is table-tested.
import { boardTarget } from '../../shared/board/board-url';

export interface WindowPlan {
  readonly mode: 'station' | 'board';
  /** What the window loads. */
  readonly url: string;
  /** The only origin the window may navigate within. */
  readonly origin: string;
  /** The station UI's preload (the IPC bridge to the runtime) goes only into our own page, never into a server's. */
  readonly preload: boolean;
  /** Why a supervisor station shows its own UI instead of the board (null otherwise). */
  readonly problem: string | null;
}

/**
 * A supervisor station with a usable server URL shows `<server>/board/` (see boardTarget);
 * otherwise the station UI, which says what is missing. Unknown type (the runtime did not
 * start) is the station UI too: it shows the runtime's error.
 */
export function planWindow(input: { appOrigin: string; stationType: string | null | undefined; serverUrl: string | null | undefined }): WindowPlan {
  const station = (problem: string | null): WindowPlan => ({ mode: 'station', url: `${input.appOrigin}/index.html`, origin: input.appOrigin, preload: true, problem });
  if (input.stationType !== 'supervisor') return station(null);
  const target = boardTarget(input.serverUrl);
  if ('problem' in target) return station(`this supervisor station cannot show the board: ${target.problem} (enroll it with lotline station --server URL --enroll CODE, or set LOTLINE_SERVER_URL)`);
  return { mode: 'board', url: target.url, origin: target.origin, preload: false, problem: null };
}

/**
 * scheme://host[:port] of a URL, or null. Not `URL.origin`: Node's URL (the main process's)
 * gives "null" as the origin of a non-special scheme such as our `app://lotline`, so a
 * comparison with it would refuse our own page.
 */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.host ? `${u.protocol}//${u.host}` : null;
  } catch {
    return null;
  }
}

/** May the window go to `url`? Same origin as the plan only; anything unparsable is refused. */
export function mayNavigate(plan: WindowPlan, url: string): boolean {
  return originOf(url) === plan.origin;
}
