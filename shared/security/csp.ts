// The Content-Security-Policy of the station UI, the same for both hosts: only our own
// scripts and styles, no inline code, no plugins, no framing; connections only where the
// host says (the browser-mode WebSocket, or none at all inside Electron).
export function contentSecurityPolicy(connectSrc: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "media-src 'self' data:",
    `connect-src ${connectSrc.length ? connectSrc.join(' ') : "'none'"}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
