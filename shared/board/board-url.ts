// Where a central server's supervisor board lives (`<server>/board/`), worked out from the
// server URL a station was enrolled with. Used by the Electron shell (a supervisor station's
// window) and by the station UI in browser mode (a link). Plain string rules: shared/ has
// no URL class, and the few forms a server URL takes do not need one.

export type BoardTarget = { readonly url: string; readonly origin: string } | { readonly problem: string };

const SERVER = /^(https?):\/\/([^/?#\s]+)([^?#\s]*)(?:[?#]\S*)?$/i;

/** `<server>/board/` and the server's origin, or why the URL cannot be used (not http(s), or carrying a user name or password). */
export function boardTarget(serverUrl: string | null | undefined): BoardTarget {
  if (!serverUrl || !serverUrl.trim()) return { problem: 'no central server is configured' };
  const m = SERVER.exec(serverUrl.trim());
  if (!m) return { problem: `the central server URL "${serverUrl}" is not an http or https URL` };
  const [, scheme, authority, path] = m as unknown as [string, string, string, string];
  if (authority.includes('@')) return { problem: 'the central server URL must not carry a user name or password' };
  const origin = `${scheme.toLowerCase()}://${authority.toLowerCase().replace(scheme.toLowerCase() === 'http' ? /:80$/ : /:443$/, '')}`;
  const base = path.endsWith('/') ? path : `${path}/`;
  return { url: `${origin}${base}board/`, origin };
}
