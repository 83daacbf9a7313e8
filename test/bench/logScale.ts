import { spawnSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { isDeepStrictEqual } from 'node:util';
import { fromBlob } from '../../main/ai/storedVectors.js';
import { dbscan } from '../helpers/dbscan.js';
import { detectAnomalies } from '../../main/logs/logAnomalies.js';
import { updateClusters } from '../../main/logs/logClusters.js';
import { hashedNgramEmbedder } from '../../main/logs/templateEmbedder.js';
import { DEFAULT_ANOMALY } from '../../main/logs/logAnomalies.js';
import { writeManyShapeLogs } from '../helpers/manyShapeLogs.js';
import { naiveAnomalies } from '../helpers/naiveAnomalies.js';
import { tempDir } from '../helpers/tempDir.js';

type Record = (name: string, value: string) => void;

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** The built CLI on a data folder, timed as a manager runs it (a fresh process). */
function genba(args: string[], dataDir: string): { ms: number; stdout: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [resolve('bin/genba.mjs'), ...args, '--data-dir', dataDir], {
    encoding: 'utf8',
    env: { ...process.env, GENBA_DATA_DIR: '' },
    maxBuffer: 512 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`genba ${args.join(' ')} failed: ${r.stderr}`);
  return { ms: performance.now() - t, stdout: r.stdout };
}

function timeIt<T>(fn: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t };
}

/**
 * `genba logs anomalies`, `logs clusters` and `alerts check` on the demo company plus 1,000
 * and 10,000 message shapes (issue #25: 80–92 s, 55–68 s and 22 s at 10,134 templates).
 * Each command runs as a fresh process on a store where nothing changed since the last
 * refresh, then after a sync's worth of new shapes (1%). Beside them, in process, the
 * parts that changed, before (per-template queries; DBSCAN over every template, which
 * every refresh ran) and now, and whether both give the same answer.
 */
export async function logScaleBench(record: Record): Promise<void> {
  if (!existsSync(resolve('bin/genba.mjs'))) {
    record('log scale', 'skipped: run npm run build first');
    return;
  }
  const dir = tempDir('genba-bench-scale-');
  try {
    const base = join(dir.path, 'base');
    genba(['logs', 'templates', '--json'], base);
    const now = (JSON.parse(genba(['status', '--json'], base).stdout) as { clock: { now: number } }).clock.now;
    const eps = hashedNgramEmbedder().clusterEps;
    for (const shapes of [1_000, 10_000]) {
      const data = join(dir.path, `shapes-${shapes}`);
      cpSync(base, data, { recursive: true });
      const file = join(dir.path, `shapes-${shapes}.jsonl`);
      const { lines } = writeManyShapeLogs(file, { shapes, now, days: 8, seed: 25 });
      const ingest = genba(['logs', 'ingest', file], data);
      const templates = (): number => {
        const db = new Database(join(data, 'genba.sqlite'), { readonly: true });
        try {
          return (db.prepare('SELECT COUNT(*) AS n FROM log_templates').get() as { n: number }).n;
        } finally {
          db.close();
        }
      };
      const at = `${templates().toLocaleString()} templates`;
      record(`${at}: logs ingest of ${lines.toLocaleString()} lines (mining, vectors, a full clustering)`, seconds(ingest.ms));
      for (const command of [
        ['logs', 'anomalies'],
        ['logs', 'clusters'],
        ['alerts', 'check'],
      ])
        record(`${at}: genba ${command.join(' ')} --json, nothing new`, seconds(genba([...command, '--json'], data).ms));

      const more = join(dir.path, `more-${shapes}.jsonl`);
      const added = writeManyShapeLogs(more, { shapes: shapes / 100, now, days: 1, seed: 26 });
      const sync = genba(['logs', 'ingest', more], data);
      record(`${at}: logs ingest of ${added.lines.toLocaleString()} lines, ${shapes / 100} new shapes (families updated)`, seconds(sync.ms));
      record(`${at}: genba logs anomalies --json after it`, seconds(genba(['logs', 'anomalies', '--json'], data).ms));

      const db = new Database(join(data, 'genba.sqlite'));
      try {
        const before = timeIt(() => naiveAnomalies(db, now, DEFAULT_ANOMALY));
        const after = timeIt(() => detectAnomalies(db, now, 'Asia/Tokyo'));
        record(
          `${at}: anomaly detection before / now (in process)`,
          `${seconds(before.ms)} / ${seconds(after.ms)}, same report: ${isDeepStrictEqual(before.value, after.value) ? 'yes' : 'NO'}`,
        );
        const vectors = (db.prepare('SELECT vector FROM log_template_vectors ORDER BY template_id').all() as { vector: Buffer }[]).map((r) =>
          fromBlob(r.vector),
        );
        const old = timeIt(() => dbscan(vectors, eps, 2));
        const unchanged = timeIt(() => updateClusters(db, now, eps));
        const families = (): unknown => db.prepare('SELECT template_id, cluster_id FROM log_cluster_members ORDER BY template_id').all();
        const kept = families();
        // A full pass on the same data, rolled back: it must draw the families the updates drew.
        db.exec('BEGIN');
        const full = timeIt(() => updateClusters(db, now, eps, { full: true }));
        const same = isDeepStrictEqual(kept, families());
        db.exec('ROLLBACK');
        record(
          `${at}: clustering before (DBSCAN, every refresh) / full pass / update, nothing new`,
          `${seconds(old.ms)} / ${seconds(full.ms)} / ${seconds(unchanged.ms)} (${unchanged.value.mode}), updates = full pass: ${same ? 'yes' : 'NO'}`,
        );
      } finally {
        db.close();
      }
    }
  } finally {
    dir.remove();
  }
}
