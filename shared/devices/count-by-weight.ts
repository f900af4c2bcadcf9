// Counting parts by weight: sample N pieces, derive the piece weight, count a bulk weighing,
// and say how uncertain the count is. Refuses samples the scale cannot resolve well enough.
//
// Rule (documented for QA): with readability d (the scale's display step),
//   - the sample must weigh at least 100·d, so rounding on the sample costs ≤ 0.5 % of it;
//   - one piece must weigh at least 0.2·d (on average), or the count cannot tell N from N±1
//     even with a perfect sample;
//   - the count's uncertainty combines the sample rounding (±d/2 over N pieces, scaled by the
//     count) and the bulk rounding (±d/2), as a worst case, and the result is refused when
//     that exceeds ±0.5 piece unless the caller accepts an uncertain count.
export interface CountSample {
  readonly pieces: number;
  readonly grams: number;
}

export type CountRefusal =
  | { readonly ok: false; readonly reason: 'sample_too_light'; readonly message: string; readonly minSampleGrams: number }
  | { readonly ok: false; readonly reason: 'piece_too_light'; readonly message: string }
  | { readonly ok: false; readonly reason: 'bad_input'; readonly message: string };

export type PieceWeight =
  | { readonly ok: true; readonly pieceGrams: number; readonly sample: CountSample; readonly readabilityGrams: number }
  | CountRefusal;

export const MIN_SAMPLE_IN_D = 100;
export const MIN_PIECE_IN_D = 0.2;

export function pieceWeight(sample: CountSample, readabilityGrams: number): PieceWeight {
  if (!Number.isInteger(sample.pieces) || sample.pieces < 1) return { ok: false, reason: 'bad_input', message: 'the sample must have a whole number of pieces, at least 1' };
  if (!(readabilityGrams > 0)) return { ok: false, reason: 'bad_input', message: 'the scale readability must be positive' };
  if (!(sample.grams > 0)) return { ok: false, reason: 'bad_input', message: 'the sample weight must be positive' };
  const minSampleGrams = MIN_SAMPLE_IN_D * readabilityGrams;
  if (sample.grams < minSampleGrams) {
    return {
      ok: false,
      reason: 'sample_too_light',
      minSampleGrams,
      message: `sample of ${sample.pieces} weighs ${sample.grams} g; at least ${minSampleGrams} g (100 × readability ${readabilityGrams} g) is needed — add pieces`,
    };
  }
  const pieceGrams = sample.grams / sample.pieces;
  if (pieceGrams < MIN_PIECE_IN_D * readabilityGrams) {
    return { ok: false, reason: 'piece_too_light', message: `one piece (${pieceGrams} g) is below 0.2 × readability (${readabilityGrams} g): this scale cannot count these parts` };
  }
  return { ok: true, pieceGrams, sample, readabilityGrams };
}

export interface CountResult {
  readonly ok: true;
  readonly count: number;
  /** Worst-case uncertainty in pieces (±). */
  readonly uncertaintyPieces: number;
  /** The count is trustworthy to the piece: the reading ± its uncertainty holds one whole count only. */
  readonly exact: boolean;
  readonly rawCount: number;
}

export function countPieces(piece: Extract<PieceWeight, { ok: true }>, bulkGrams: number): CountResult | CountRefusal {
  if (!(bulkGrams >= 0)) return { ok: false, reason: 'bad_input', message: 'the bulk weight must not be negative' };
  const d = piece.readabilityGrams;
  const rawCount = bulkGrams / piece.pieceGrams;
  // Relative error of the piece weight from the sample's rounding, carried into the count,
  // plus the bulk weighing's own rounding in pieces.
  const sampleRel = d / 2 / piece.sample.grams;
  const uncertaintyPieces = rawCount * sampleRel + d / 2 / piece.pieceGrams;
  const count = Math.round(rawCount);
  // Small uncertainty is not enough: 1000.45 ± 0.3 pieces may be 1000 or 1001.
  return { ok: true, count, rawCount, uncertaintyPieces, exact: Math.abs(rawCount - count) + uncertaintyPieces < 0.5 };
}
