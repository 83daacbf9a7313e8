import { join } from 'node:path';
import { VectorIndex } from '../../main/ai/vectorIndex.js';
import { maskTokens } from '../../main/logs/maskTokens.js';
import { TemplateMiner } from '../../main/logs/templateMiner.js';
import { createRandom } from '../../main/sync/demo/random.js';
import { parseLogLine } from '../../main/logs/logLine.js';
import { groupNearShared } from '../../main/logs/groupNearShared.js';
import { DEFAULT_INCIDENT } from '../../main/logs/logIncidents.js';
import { loadLoghub, LOGHUB_SYSTEMS } from '../helpers/loghub.js';
import { tempDir } from '../helpers/tempDir.js';

type Record = (name: string, value: string) => void;

/** Masking + mining on one core, over the Loghub messages repeated to half a million lines. */
function miningThroughput(record: Record): void {
  const lines = LOGHUB_SYSTEMS.flatMap((s) => loadLoghub(s).content);
  const all = Array.from({ length: 25 }, () => lines).flat();
  const miner = new TemplateMiner();
  const t0 = performance.now();
  for (const l of all) miner.add(maskTokens(l));
  const s = (performance.now() - t0) / 1000;
  record('template mining (mask + mine), one core', `${Math.round(all.length / s).toLocaleString()} lines/s (${all.length.toLocaleString()} lines)`);
}

/** HNSW search at 100k clustered 384-d vectors: latency and recall@10 against brute force. */
function searchBench(record: Record): void {
  const r = createRandom(11);
  const dim = 384;
  const n = 100_000;
  const centres = Array.from({ length: 500 }, () => Array.from({ length: dim }, () => r.normal(0, 1)));
  const unit = (v: number[]): Float32Array => {
    const len = Math.hypot(...v);
    return Float32Array.from(v, (x) => x / len);
  };
  const points = Array.from({ length: n }, (_, i) => unit(centres[i % 500]!.map((x) => x + r.normal(0, 0.6))));
  const dir = tempDir('genba-bench-hnsw-');
  const index = VectorIndex.create(join(dir.path, 'bench.hnsw'), { model: 'bench', dim }, n);
  const t0 = performance.now();
  points.forEach((p, i) => index.add(i, p));
  record('HNSW build, 100k × 384-d', `${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const queries = Array.from({ length: 200 }, (_, q) => unit(centres[(q * 7) % 500]!.map((x) => x + r.normal(0, 0.6))));
  const times: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const s0 = performance.now();
    const found = index.search(q, 10);
    times.push(performance.now() - s0);
    const exact = points
      .map((p, i) => ({ i, s: p.reduce((a, x, k) => a + x * q[k]!, 0) }))
      .sort((a, b) => b.s - a.s)
      .slice(0, 10)
      .map((x) => x.i);
    const truth = new Set(exact);
    hits += found.filter((f) => truth.has(f.id)).length;
  }
  times.sort((a, b) => a - b);
  record('HNSW search p50 / p99 (k=10, ef=64)', `${times[100]!.toFixed(2)} / ${times[198]!.toFixed(2)} ms`);
  record('HNSW recall@10 vs brute force', (hits / (queries.length * 10)).toFixed(3));
  dir.remove();
}

/**
 * BGL (raw lines, labels: first field "-" = normal), scored after a warm-up of the first
 * 30 % of the lines, for each signal alone and combined: a template first seen after the
 * warm-up, and an error-level line. Line level, and incident level: flagged lines of one
 * node within the incident gap are one incident (groupNearShared, the rule the app groups
 * anomalies by), the labelled alert lines are grouped the same way, and an incident counts
 * when it holds an alert line; a labelled incident is found when one of its lines is flagged.
 */
export function bglAnomalies(record: Record): void {
  const { raw } = loadLoghub('BGL');
  const warm = Math.floor(raw.length * 0.3);
  const miner = new TemplateMiner();
  const rows = raw
    .map((line, i) => {
      const f = line.split(' ');
      const { created } = miner.add(maskTokens(f.slice(9).join(' ')));
      return {
        i,
        ts: Number(f[1]) * 1000,
        node: f[3]!,
        anomalous: f[0] !== '-',
        fresh: created && i >= warm,
        error: parseLogLine(line, 'UTC', 0).level === 'ERROR',
      };
    })
    .filter((r) => r.i >= warm);
  type Row = (typeof rows)[number];
  const gap = DEFAULT_INCIDENT.gapMinutes * 60_000;
  const incidents = (list: Row[]): Row[][] =>
    groupNearShared(
      list,
      (r) => [r.node],
      (r) => [r.ts, r.ts],
      gap,
    );
  const truth = incidents(rows.filter((r) => r.anomalous));
  const prf = (tp: number, flagged: number, found: number, all: number): string => {
    const p = tp / (flagged || 1);
    const rc = found / (all || 1);
    return `precision ${p.toFixed(3)}, recall ${rc.toFixed(3)}, F1 ${((2 * p * rc) / (p + rc || 1)).toFixed(3)}`;
  };
  const score = (name: string, flag: (r: Row) => boolean): void => {
    const tp = rows.filter((r) => flag(r) && r.anomalous).length;
    record(`BGL ${name}: lines`, prf(tp, rows.filter(flag).length, tp, rows.filter((r) => r.anomalous).length));
    const predicted = incidents(rows.filter(flag));
    const hit = predicted.filter((g) => g.some((r) => r.anomalous)).length;
    const found = truth.filter((g) => g.some(flag)).length;
    record(`BGL ${name}: incidents`, `${prf(hit, predicted.length, found, truth.length)} (${predicted.length} raised)`);
  };
  score('new template (first line of it)', (r) => r.fresh);
  score('error level', (r) => r.error);
  score('either', (r) => r.fresh || r.error);
  record('BGL lines scored after warm-up', `${rows.length} (${rows.filter((r) => r.anomalous).length} alert lines in ${truth.length} incidents)`);
}

export async function logIntelligenceBench(record: Record): Promise<void> {
  miningThroughput(record);
  searchBench(record);
  bglAnomalies(record);
}
