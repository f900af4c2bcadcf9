// What the molding and packing tests fill in the same way: a complete line-clearance
// checklist, a signature input, the demo molding machine's settings.
export const CLEARANCE_CHECKLIST = ['previous_product_removed', 'previous_labels_removed', 'previous_documents_removed', 'line_cleaned', 'scale_checked', 'printer_emptied'].map((item) => ({ item, ok: true }));

export const sig = (badge: string, pin: string, meaning: 'performed' | 'verified' | 'approved' | 'overridden', reason: string) => ({ badge, pin, meaning, reason });

/** The demo press and mold with a process window inside its limits; `cavities` varies by test. */
export const moldSettings = (cavities: number[]) => ({ machine: 'IMM-3', mold: 'M-LC-8', cavities, dryingHours: 4, dryingTempC: 120, meltTempC: 300, injectionPressureBar: 1100, cycleTimeS: 14.5, shift: 'A' });
