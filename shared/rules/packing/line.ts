// Which packing line a station packs on: the station's configured area (Settings › Area, an
// administrator's signed change; the demo packing station's is CR1). A station with no area
// has no line, and the packing screen says so instead of guessing one. Pure.

export function packingLineOf(station: { readonly area: string } | null | undefined): string | null {
  const line = station?.area.trim() ?? '';
  return line.length > 0 && line.length <= 64 ? line : null;
}
