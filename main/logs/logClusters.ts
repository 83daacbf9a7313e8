import type Database from 'better-sqlite3';
import { dbscan } from './dbscan.js';
import { words } from './templateEmbedder.js';
import { fromBlob } from '../ai/storedVectors.js';

const MIN_POINTS = 2;
const HOUR = 3_600_000;
const STOP = new Set(['the', 'a', 'an', 'of', 'to', 'in', 'for', 'on', 'at', 'is', 'by', 'from', 'with', 'and', 'or', 'not']);

import type { LogCluster as ClusterInfo } from '../api/types.js';
export type { ClusterInfo };

/**
 * Groups templates into families with DBSCAN over their vectors. Ids stay stable across
 * runs: a new cluster takes the id of the old cluster it shares most members with.
 */
export function recluster(db: Database.Database, now: number, eps: number): ClusterInfo[] {
  const rows = db
    .prepare(`SELECT v.template_id, v.vector, t.tokens, t.count FROM log_template_vectors v JOIN log_templates t USING (template_id) ORDER BY v.template_id`)
    .all() as { template_id: number; vector: Buffer; tokens: string; count: number }[];
  const labels = dbscan(
    rows.map((r) => fromBlob(r.vector)),
    eps,
    MIN_POINTS,
  );
  const old = new Map(
    (db.prepare('SELECT template_id, cluster_id FROM log_cluster_members').all() as { template_id: number; cluster_id: number }[]).map((r) => [
      r.template_id,
      r.cluster_id,
    ]),
  );
  let nextId = Math.max(0, ...old.values()) + 1;
  const taken = new Set<number>();
  const groups = new Map<number, typeof rows>();
  rows.forEach((r, i) => {
    if (labels[i]! >= 0) groups.set(labels[i]!, [...(groups.get(labels[i]!) ?? []), r]);
  });
  const clusters: { id: number; label: string; members: typeof rows }[] = [];
  for (const members of groups.values()) {
    const votes = new Map<number, number>();
    for (const m of members) {
      const prev = old.get(m.template_id);
      if (prev !== undefined) votes.set(prev, (votes.get(prev) ?? 0) + 1);
    }
    const [best, n] = [...votes.entries()].filter(([id]) => !taken.has(id)).sort((a, b) => b[1] - a[1] || a[0] - b[0])[0] ?? [null, 0];
    const id = best !== null && n * 2 >= members.length ? best : nextId++;
    taken.add(id);
    // The label: the words that carry the most lines across the family.
    const weight = new Map<string, number>();
    for (const m of members)
      for (const w of new Set(words(JSON.parse(m.tokens).join(' ')))) {
        if (w.length > 1 && !STOP.has(w)) weight.set(w, (weight.get(w) ?? 0) + m.count);
      }
    const label = [...weight.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 3)
      .map(([w]) => w)
      .join(' · ');
    clusters.push({ id, label, members });
  }
  db.transaction(() => {
    db.prepare('DELETE FROM log_cluster_members').run();
    db.prepare('DELETE FROM log_clusters').run();
    const c = db.prepare('INSERT INTO log_clusters (cluster_id, label, updated_at) VALUES (?, ?, ?)');
    const m = db.prepare('INSERT INTO log_cluster_members (template_id, cluster_id) VALUES (?, ?)');
    for (const cl of clusters) {
      c.run(cl.id, cl.label, now);
      for (const t of cl.members) m.run(t.template_id, cl.id);
    }
  })();
  return listClusters(db, now);
}

/** Clusters with their lines and an hourly trend over the last 24 hours. */
export function listClusters(db: Database.Database, now: number): ClusterInfo[] {
  const clusters = db.prepare('SELECT cluster_id, label FROM log_clusters ORDER BY cluster_id').all() as { cluster_id: number; label: string }[];
  const members = db.prepare('SELECT m.template_id, t.count FROM log_cluster_members m JOIN log_templates t USING (template_id) WHERE m.cluster_id = ?');
  const hourly = db.prepare(
    `SELECT (minute - ?) / ${HOUR} AS h, SUM(count) AS n FROM log_template_minutes
      WHERE template_id IN (SELECT template_id FROM log_cluster_members WHERE cluster_id = ?) AND minute >= ? AND minute < ? GROUP BY h`,
  );
  const from = Math.floor(now / HOUR) * HOUR - 23 * HOUR;
  return clusters
    .map((c) => {
      const ms = members.all(c.cluster_id) as { template_id: number; count: number }[];
      const trend = new Array<number>(24).fill(0);
      for (const r of hourly.all(from, c.cluster_id, from, from + 24 * HOUR) as { h: number; n: number }[]) trend[r.h] = r.n;
      return { id: c.cluster_id, label: c.label, templates: ms.map((m) => m.template_id), lines: ms.reduce((s, m) => s + m.count, 0), trend };
    })
    .sort((a, b) => b.lines - a.lines);
}
