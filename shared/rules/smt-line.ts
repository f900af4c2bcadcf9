// Which SMT line a station runs: the station's configured area (Settings › Area, an
// administrator's signed change; the demo SMT station's is SMT1), as printed on the slot
// labels (LL-SLOT-SMT1-F03). An area that could not stand in a slot label ("Electronics")
// names no line: the runtime refuses to load a work order rather than guess one, because
// every slot scan would then be refused as another line's. Pure.
import { isSlotLine } from '../barcode/lotline-id';

export function smtLineOf(station: { readonly area: string } | null | undefined): string | null {
  const line = station?.area.trim() ?? '';
  return isSlotLine(line) ? line : null;
}
