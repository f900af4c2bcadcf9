// Cleanroom line clearance before a new finished lot: every checklist item confirmed, signed
// by the packer who did it (meaning performed) and verified by a SECOND person (meaning
// verified) — two signatures by two different users. Pure.

export const LINE_CLEARANCE_CHECKLIST = [
  'previous_product_removed',
  'previous_labels_removed',
  'previous_documents_removed',
  'line_cleaned',
  'scale_checked',
  'printer_emptied',
] as const;
export type ClearanceItem = (typeof LINE_CLEARANCE_CHECKLIST)[number];

export type ClearanceProblem =
  | { readonly code: 'item_missing'; readonly item: string }
  | { readonly code: 'item_not_ok'; readonly item: string }
  | { readonly code: 'same_signer'; readonly userId: string }
  | { readonly code: 'verifier_role'; readonly userId: string }
  | { readonly code: 'not_performed' };

export interface ClearanceCheck {
  readonly checklist: ReadonlyArray<{ readonly item: string; readonly ok: boolean }>;
}

/** Problems with the checklist as filled in by the packer. */
export function checklistProblems(c: ClearanceCheck): ClearanceProblem[] {
  const out: ClearanceProblem[] = [];
  for (const item of LINE_CLEARANCE_CHECKLIST) {
    const row = c.checklist.find((r) => r.item === item);
    if (!row) out.push({ code: 'item_missing', item });
    else if (!row.ok) out.push({ code: 'item_not_ok', item });
  }
  return out;
}

const VERIFIER_ROLES = ['packer', 'supervisor', 'qa'];

/** Problems with the second signature: someone else, in a role that may verify a clearance. */
export function verifierProblems(performedBy: string | null, verifier: { readonly userId: string; readonly roles: readonly string[] }): ClearanceProblem[] {
  if (performedBy === null) return [{ code: 'not_performed' }];
  const out: ClearanceProblem[] = [];
  if (performedBy === verifier.userId) out.push({ code: 'same_signer', userId: verifier.userId });
  if (!verifier.roles.some((r) => VERIFIER_ROLES.includes(r))) out.push({ code: 'verifier_role', userId: verifier.userId });
  return out;
}

export function clearanceMessage(p: ClearanceProblem): string {
  switch (p.code) {
    case 'item_missing':
      return `Checklist item "${p.item}" is not answered.`;
    case 'item_not_ok':
      return `Checklist item "${p.item}" is not confirmed: the line is not clear.`;
    case 'same_signer':
      return 'The clearance must be verified by a second person, not the packer who performed it.';
    case 'verifier_role':
      return 'Only a packer, supervisor or QA may verify a line clearance.';
    case 'not_performed':
      return 'No line clearance was performed on this line for a new lot: the packer signs it first.';
  }
}
