import { writeFileSync } from 'node:fs';
import { createRandom } from '../../main/sync/demo/random.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const SERVICES = ['entry-api', 'ocr-worker', 'batch-scheduler', 'auth', 'db-proxy', 'sync-agent'];
const HOSTS = ['entry-api-01', 'entry-api-02', 'ocr-sapporo-01', 'ocr-osaka-01', 'auth-01', 'dbp-01'];

export interface ManyShapeOptions {
  /** Distinct message shapes (each becomes one template). */
  shapes: number;
  /** The store's now: the last line is written before it. */
  now: number;
  /** Days of history before today, so that the same hours of previous days form a baseline. */
  days: number;
  seed: number;
}

/**
 * A JSON-lines log file with `shapes` distinct message shapes, as `genba logs ingest` reads
 * it. Each shape is random words (a few shared with its family, so that clustering has
 * families to find) plus a number; it is written a few times a day around its own hour of
 * the day, for `days` days, so anomaly baselines have history. A few shapes burst in the
 * last hour (spikes) and a few appear for the first time in it (new templates).
 */
export function writeManyShapeLogs(path: string, o: ManyShapeOptions): { lines: number } {
  const r = createRandom(o.seed);
  // Letters only: a digit would make the miner mask the word as a variable.
  const word = (): string => Array.from({ length: r.int(4, 9) }, () => String.fromCharCode(97 + r.int(0, 25))).join('');
  const families = Array.from({ length: Math.max(1, Math.round(o.shapes / 20)) }, () => [word(), word()]);
  const out: string[] = [];
  const emit = (ts: number, shape: Shape): void => {
    out.push(
      JSON.stringify({
        ts,
        level: shape.level,
        service: shape.service,
        host: shape.host,
        message: `${shape.words.join(' ')} id=${r.int(1, 99_999)}`,
      }),
    );
  };
  interface Shape {
    words: string[];
    level: string;
    service: string;
    host: string;
    minuteOfDay: number;
  }
  const shape = (): Shape => {
    const fam = r.pick(families);
    const i = r.int(0, SERVICES.length - 1);
    // Own words first and in the majority (the miner folds shapes that share half their tokens), and of many lengths: the
    // miner keeps at most 1,000 templates per length beyond the first 100 leading words, as Drain does.
    return {
      words: [...Array.from({ length: r.int(4, 16) }, word), ...fam],
      level: r.chance(0.05) ? 'ERROR' : r.chance(0.2) ? 'WARN' : 'INFO',
      service: SERVICES[i]!,
      host: HOSTS[i]!,
      minuteOfDay: r.int(0, 24 * 60 - 1),
    };
  };
  const today = o.now - (o.now % DAY);
  const known = Array.from({ length: o.shapes }, shape);
  for (const s of known) {
    const burst = r.chance(0.02);
    for (let d = o.days; d >= 0; d--) {
      const n = r.int(1, 4) * (burst && d === 0 ? 20 : 1);
      for (let k = 0; k < n; k++) {
        const ts = today - d * DAY + (s.minuteOfDay + r.int(-20, 20)) * MINUTE + r.int(0, 59_999);
        if (ts < o.now) emit(ts, s);
      }
    }
  }
  // Shapes seen for the first time in the last hour.
  for (let i = 0; i < Math.max(1, Math.round(o.shapes / 200)); i++) {
    const s = shape();
    for (let k = r.int(1, 6); k > 0; k--) emit(o.now - r.int(1, 59 * MINUTE), s);
  }
  writeFileSync(path, `${out.join('\n')}\n`);
  return { lines: out.length };
}
