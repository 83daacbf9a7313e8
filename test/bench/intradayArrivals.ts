import { forecastSeries } from '../../main/forecast/forecastSeries.js';
import { reforecastDay, shareBand } from '../../main/forecast/reforecastDay.js';
import { createRandom } from '../../main/sync/demo/random.js';
import { FORECAST_SHAPES } from './forecastShapes.js';

type Record = (name: string, value: string) => void;

/** Clock times the day's total is re-estimated at, in minutes after midnight. */
const CHECKS = [9 * 60 + 30, 10 * 60 + 30, 11 * 60 + 30, 13 * 60 + 30, 15 * 60];
const SCORED_DAYS = 40;
const hm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** When a day's items have arrived by a clock time (0…1), drawn anew each day. */
type Curve = (minute: number) => number;

interface Scenario {
  name: string;
  /** Locked scenarios were written before the method's last change and run once, at the end. */
  locked: boolean;
  shape: string;
  day: (rnd: ReturnType<typeof createRandom>) => Curve;
}

const curve =
  (times: number[], cumulative: number[]): Curve =>
  (minute) =>
    cumulative.reduce((s, c, i) => (minute >= times[i]! ? c : s), 0);

/**
 * How items arrive through the day, written here and not from the code that re-estimates, so
 * the method has to cope with days unlike their average.
 */
const SCENARIOS: Scenario[] = [
  {
    // About half before 09:00, a quarter around 11:00, the rest around 14:00; sizes and times vary, so a check at 11:30 sometimes comes before the second batch.
    name: 'three uneven batches',
    locked: false,
    shape: 'demo-like',
    day: (rnd) => {
      const first = rnd.range(0.35, 0.65);
      const second = rnd.range(0.15, 0.35) * (1 - first) * 2;
      return curve([8 * 60 + 50, rnd.range(10.5, 12) * 60, rnd.range(13.5, 15) * 60], [first, Math.min(1, first + second), 1]);
    },
  },
  {
    // Hourly batches of nearly equal size from 09:00 to 16:00: the pace is reliable early.
    name: 'hourly, regular',
    locked: true,
    shape: 'monday-heavy',
    day: (rnd) => {
      const times = Array.from({ length: 8 }, (_, i) => (9 + i) * 60 + rnd.range(-5, 5));
      const sizes = times.map(() => rnd.range(0.9, 1.1));
      const sum = sizes.reduce((a, b) => a + b, 0);
      return curve(
        times,
        sizes.map((_, i) => sizes.slice(0, i + 1).reduce((a, b) => a + b, 0) / sum),
      );
    },
  },
  {
    // A small morning batch and the bulk at a time that wanders from 12:00 to 14:00.
    name: 'bulk after noon',
    locked: true,
    shape: 'level-shift',
    day: (rnd) => curve([8 * 60 + 45, rnd.range(12, 14) * 60], [rnd.range(0.2, 0.4), 1]),
  },
];

/**
 * Today's total re-estimated during the day (issue 28 §2), on the forecast bench's shapes with
 * items arriving in batches: the day's total at five clock times from the forecast of the
 * evening before alone, from the pace alone (arrived ÷ usual share), and Genba's blend; WAPE
 * over the last 40 working days of three series, and the blend's P10–P90 coverage.
 */
export function intradayArrivalsBench(record: Record): void {
  for (const sc of SCENARIOS) {
    record(`${sc.locked ? 'locked' : 'open'}: ${sc.name}, on the ${sc.shape} forecast shape`, '');
    scenario(sc, record);
  }
}

function scenario(sc: Scenario, record: Record): void {
  const series = FORECAST_SHAPES.find((s) => s.name === sc.shape)!.series();
  const err = new Map<string, { forecast: number; pace: number; blend: number; actual: number; inside: number; n: number }>();
  const t0 = performance.now();
  let estimates = 0;
  series.forEach((s, si) => {
    const rnd = createRandom(1000 + si);
    const curves = s.values.map(() => sc.day(rnd));
    for (let d = s.values.length - SCORED_DAYS; d < s.values.length; d++) {
      const actual = s.values[d]!.value;
      const fc = forecastSeries(s.values.slice(0, d), [s.values[d]!.date])[0]!;
      for (const minute of CHECKS) {
        const arrived = Math.round(actual * curves[d]!(minute));
        const share = shareBand(curves.slice(d - 20, d).map((c) => c(minute)));
        const r = reforecastDay({ arrived, share, forecast: fc });
        estimates++;
        const pace = share && share.p50 > 0 ? Math.max(arrived, arrived / share.p50) : Math.max(arrived, fc.p50);
        const e = err.get(hm(minute)) ?? { forecast: 0, pace: 0, blend: 0, actual: 0, inside: 0, n: 0 };
        e.forecast += Math.abs(Math.max(arrived, fc.p50) - actual);
        e.pace += Math.abs(pace - actual);
        e.blend += Math.abs(r.total.p50 - actual);
        e.actual += actual;
        e.inside += actual >= r.total.p10 && actual <= r.total.p90 ? 1 : 0;
        e.n++;
        err.set(hm(minute), e);
      }
    }
  });
  const ms = performance.now() - t0;
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`.padStart(9);
  record('  clock  (WAPE of the day total)', `${'forecast'.padStart(9)}${'pace'.padStart(9)}${'Genba'.padStart(9)}${'P10–P90'.padStart(9)}`);
  for (const [clock, e] of err) record(`  ${clock}`, `${pct(e.forecast / e.actual)}${pct(e.pace / e.actual)}${pct(e.blend / e.actual)}${pct(e.inside / e.n)}`);
  record(
    '  days scored × series × clock times',
    `${SCORED_DAYS} × ${series.length} × ${CHECKS.length} (${estimates} estimates, ${(ms / estimates).toFixed(1)} ms each with its forecast)`,
  );
}
