/**
 * The rules' confidence, calibrated: the share of the evidence the chosen operation holds (0–1) mapped to how often a
 * reading with that share had its operation and measure right on the labelled development requests
 * (test/fixtures/ask/dev-ja.jsonl and dev-en.jsonl, 460 lines; measured 2026-11-25, bins pooled so the mapping never
 * falls as the share rises). Reading with no evidence at all is a guess: 0.
 *
 *   share      n    right
 *   < 0.40     18   44 %
 *   0.40–0.50  34   71 %
 *   0.50–0.60  77   81 %
 *   ≥ 0.60    331   89 %
 */
const BINS: readonly (readonly [number, number])[] = [
  [0.6, 0.89],
  [0.5, 0.81],
  [0.4, 0.71],
  [Number.MIN_VALUE, 0.44],
];

export function calibrated(share: number): number {
  return BINS.find(([from]) => share >= from)?.[1] ?? 0;
}

/** Below this, a reading is right less often than not: Genba says what it understood and offers the closest readings. */
export const UNSURE = 0.5;
