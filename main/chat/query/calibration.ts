/**
 * The rules' confidence, calibrated: the share of the evidence the chosen operation holds (0–1) mapped to how often a
 * reading with that share had its operation and measure right on the labelled development requests
 * (test/fixtures/ask/dev-ja.jsonl and dev-en.jsonl; adjacent bins pooled where the rate fell as the share rose), so a
 * confidence says how often such a reading is right. The bins' counts and the date they were measured:
 * docs/bench/2026-11-25-ask-accuracy.md. An operation taken with no evidence for it (the default figure) is a guess: 0.
 */
const BINS: readonly (readonly [number, number])[] = [
  [0.6, 0.87],
  [0.4, 0.76],
  [Number.MIN_VALUE, 0.54],
];

export function calibrated(share: number): number {
  return BINS.find(([from]) => share >= from)?.[1] ?? 0;
}

/**
 * Below this, a reading is wrong four times in ten or more: Genba says what it understood and offers the closest
 * readings instead of answering one with the same confidence (a button costs the manager a click; a wrong figure said
 * with confidence costs the assistant its trust). How many development requests fall below it: docs/bench/2026-11-25-ask-accuracy.md.
 */
export const UNSURE = 0.6;
