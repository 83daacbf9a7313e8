import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { toBlob } from '../../../main/ai/storedVectors.js';
import { dbscan } from '../../helpers/dbscan.js';
import { ingestLogFiles } from '../../../main/logs/ingestLogFiles.js';
import { DEFAULT_ANOMALY, detectAnomalies, type AnomalyOptions } from '../../../main/logs/logAnomalies.js';
import { recluster, updateClusters } from '../../../main/logs/logClusters.js';
import { mineStoredLogs } from '../../../main/logs/mineStoredLogs.js';
import { hashedNgramEmbedder } from '../../../main/logs/templateEmbedder.js';
import { syncTemplateVectors } from '../../../main/logs/templateVectors.js';
import { migrate } from '../../../main/store/migration.js';
import { createRandom, type Random } from '../../../main/sync/demo/random.js';
import { writeManyShapeLogs } from '../../helpers/manyShapeLogs.js';
import { naiveAnomalies } from '../../helpers/naiveAnomalies.js';
import { tempDir } from '../../helpers/tempDir.js';

const NOW = Date.parse('2025-10-23T15:40+09:00');
const HOUR = 3_600_000;
const DIM = 12;
const EPS = 0.08;

function store(): Database.Database {
  const db = new Database(':memory:');
  migrate(db);
  return db;
}

const unit = (v: number[]): Float32Array => {
  const len = Math.hypot(...v);
  return Float32Array.from(v, (x) => x / len);
};

function put(db: Database.Database, id: number, v: Float32Array, word: string, count: number): void {
  db.prepare(
    `INSERT OR REPLACE INTO log_templates (template_id, tokens, template, count, param_values, first_seen, last_seen, errors)
     VALUES (?, ?, ?, ?, '{}', ?, ?, 0)`,
  ).run(id, JSON.stringify([word, 'queue', '<*>']), `${word} queue <*>`, count, NOW - HOUR, NOW);
  db.prepare('INSERT OR REPLACE INTO log_template_vectors (template_id, model, vector) VALUES (?, ?, ?)').run(id, 'test', toBlob(v));
}

function forget(db: Database.Database, id: number): void {
  for (const table of ['log_templates', 'log_template_vectors']) db.prepare(`DELETE FROM ${table} WHERE template_id = ?`).run(id);
}

/** What a clustering leaves behind, but the time it was written. */
function families(db: Database.Database): unknown {
  return {
    clusters: db.prepare('SELECT cluster_id, label FROM log_clusters ORDER BY cluster_id').all(),
    members: db.prepare('SELECT template_id, cluster_id FROM log_cluster_members ORDER BY template_id').all(),
  };
}

/** The families dbscan() finds on the same vectors: template ids, grouped, in its order. */
function dbscanFamilies(db: Database.Database): number[][] {
  const rows = db.prepare('SELECT template_id, vector FROM log_template_vectors ORDER BY template_id').all() as { template_id: number; vector: Buffer }[];
  const labels = dbscan(
    rows.map((r) => new Float32Array(r.vector.buffer.slice(r.vector.byteOffset, r.vector.byteOffset + r.vector.byteLength))),
    EPS,
    2,
  );
  const groups = new Map<number, number[]>();
  rows.forEach((r, i) => {
    if (labels[i]! >= 0) groups.set(labels[i]!, [...(groups.get(labels[i]!) ?? []), r.template_id]);
  });
  return [...groups.values()];
}

function storedFamilies(db: Database.Database): number[][] {
  const groups = new Map<number, number[]>();
  for (const r of db.prepare('SELECT template_id, cluster_id FROM log_cluster_members ORDER BY template_id').all() as {
    template_id: number;
    cluster_id: number;
  }[])
    groups.set(r.cluster_id, [...(groups.get(r.cluster_id) ?? []), r.template_id]);
  return [...groups.values()].sort((a, b) => a[0]! - b[0]!);
}

describe('families brought up to date from what changed', () => {
  it('are the families, ids and labels of a full pass and of DBSCAN, through new, gone and re-embedded templates, merges and splits', () => {
    const r = createRandom(2025);
    const centres = Array.from({ length: 25 }, () => Array.from({ length: DIM }, () => r.normal(0, 1)));
    const near = (rr: Random, c: number[]): Float32Array => unit(c.map((x) => x + rr.normal(0, 0.12)));
    // A chain: each point within eps of the next only, so that losing a middle point splits it.
    const chain = (t: number): Float32Array => unit([Math.cos(t * 0.3), Math.sin(t * 0.3), ...new Array<number>(DIM - 2).fill(0)]);
    const incremental = store();
    const full = store();
    const both = (f: (db: Database.Database) => void): void => {
      f(incremental);
      f(full);
    };
    let next = 1;
    const words = ['timeout', 'retry', 'connect', 'flush', 'commit', 'queue', 'reject'];
    const add = (v: Float32Array): number => {
      const id = next++;
      const word = words[id % words.length]!;
      both((db) => put(db, id, v, word, 1 + (id % 7)));
      return id;
    };
    for (let i = 0; i < 300; i++) add(i % 5 === 4 ? unit(Array.from({ length: DIM }, () => r.normal(0, 1))) : near(r, r.pick(centres)));
    const links = Array.from({ length: 8 }, (_, t) => add(chain(t)));

    const modes: string[] = [];
    const check = (): void => {
      modes.push(updateClusters(incremental, NOW, EPS).mode);
      expect(updateClusters(full, NOW, EPS, { full: true }).mode).toBe('full');
      expect(families(incremental)).toEqual(families(full));
      expect(storedFamilies(incremental)).toEqual(dbscanFamilies(incremental));
    };
    check();
    const first = storedFamilies(incremental);
    expect(first.length).toBeGreaterThan(10);
    expect(first.flat().length).toBeLessThan(next - 1);

    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 12; i++) add(r.chance(0.3) ? unit(Array.from({ length: DIM }, () => r.normal(0, 1))) : near(r, r.pick(centres)));
      // Between two families: they become one.
      add(unit(centres[round]!.map((x, k) => x + centres[round + 10]![k]!)));
      const ids = (incremental.prepare('SELECT template_id FROM log_templates ORDER BY template_id').all() as { template_id: number }[]).map(
        (x) => x.template_id,
      );
      for (let i = 0; i < 3; i++) {
        const gone = r.pick(ids);
        both((db) => forget(db, gone));
      }
      // Re-embedded (a retired template's vector, written again from other text): it counts as new.
      const moved = r.pick(ids);
      const v = near(r, r.pick(centres));
      both((db) => db.prepare('UPDATE log_template_vectors SET vector = ? WHERE template_id = ?').run(toBlob(v), moved));
      // Counts change every label's weights.
      const busy = r.pick(ids);
      both((db) => db.prepare('UPDATE log_templates SET count = count + 50 WHERE template_id = ?').run(busy));
      if (round === 2) both((db) => forget(db, links[4]!));
      check();
    }
    expect(modes).toEqual(['full', ...new Array<string>(6).fill('incremental')]);
    expect(storedFamilies(incremental).some((f) => f.includes(links[0]!) && f.includes(links[7]!))).toBe(false);

    // The family tables emptied by someone else (a clear of the logs): the basis no longer holds, a full pass runs.
    both((db) => db.prepare('DELETE FROM log_cluster_members').run());
    expect(updateClusters(incremental, NOW, EPS).mode).toBe('full');
    updateClusters(full, NOW, EPS, { full: true });
    expect(families(incremental)).toEqual(families(full));
    // Another radius (another embedder) cannot reuse families drawn with this one.
    expect(updateClusters(incremental, NOW, EPS * 2).mode).toBe('full');
  });
});

describe('anomalies from grouped queries', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('are those of the per-template computation, in the same order, for any window and threshold', async () => {
    const db = store();
    const file = join(dir.path, 'shapes.jsonl');
    writeManyShapeLogs(file, { shapes: 400, now: NOW, days: 8, seed: 7 });
    ingestLogFiles(db, [file], { timeZone: 'Asia/Tokyo', now: NOW });
    mineStoredLogs(db);
    const embedder = hashedNgramEmbedder();
    await syncTemplateVectors(db, embedder, join(dir.path, 'index'));
    recluster(db, NOW, embedder.clusterEps);

    const sensitive: AnomalyOptions = { ...DEFAULT_ANOMALY, zThreshold: 1, minCount: 2 };
    const kinds = new Set<string>();
    for (let h = 0; h < 24; h += 3) {
      for (const o of [DEFAULT_ANOMALY, sensitive, { ...DEFAULT_ANOMALY, windowMinutes: 180 }, { ...DEFAULT_ANOMALY, windowMinutes: 3 * 1440 }]) {
        const report = detectAnomalies(db, NOW - h * HOUR, 'Asia/Tokyo', o);
        expect(report).toEqual(naiveAnomalies(db, NOW - h * HOUR, o));
        for (const a of report.anomalies) kinds.add(a.kind);
      }
    }
    // Every kind the data holds was compared (its two new shapes are unlike every family: outliers).
    expect([...kinds].sort()).toEqual(['dip', 'error_burst', 'outlier', 'spike']);
  });
});
