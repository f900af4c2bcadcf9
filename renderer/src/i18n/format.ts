// Dates in the active language, through Intl; apart from index.ts so code without Vite's
// import.meta.glob (unit tests, shared helpers) can use them.

export function formatDateTime(iso: string, lng: string, withSeconds = true): string {
  return new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeStyle: withSeconds ? 'medium' : 'short' }).format(new Date(iso));
}
