/** Work on one demand over an interval of the day: [from, to) minutes after midnight at perMinute items. */
export interface WorkSpan {
  from: number;
  to: number;
  perMinute: number;
}

/**
 * The minute at which the spans together have done `items`; null when they never do.
 * Spans may overlap (several people) or leave gaps (lunch): the sweep adds up the rate
 * between every two consecutive ends.
 */
export function finishMinute(spans: WorkSpan[], items: number): number | null {
  if (items <= 0) return spans.length > 0 ? Math.min(...spans.map((s) => s.from)) : null;
  const points = [...new Set(spans.flatMap((s) => [s.from, s.to]))].sort((a, b) => a - b);
  let done = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const [a, b] = [points[k]!, points[k + 1]!];
    const rate = spans.reduce((sum, s) => (s.from <= a && s.to >= b ? sum + s.perMinute : sum), 0);
    if (rate <= 0) continue;
    if (done + rate * (b - a) >= items - 1e-9) return Math.ceil(a + (items - done) / rate - 1e-9);
    done += rate * (b - a);
  }
  return null;
}
