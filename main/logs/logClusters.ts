import type Database from 'better-sqlite3';
import { clusterPartition } from './clusterPartition.js';
import { readClusterBasis, vectorHash, writeClusterBasis, type ClusterBasis } from './clusterBasis.js';
import { packVectors } from './vectorLinks.js';
import { fromBlob } from '../ai/storedVectors.js';
import { familyLabel, representative } from './familyLabel.js';

const HOUR = 3_600_000;

import type { LogCluster as ClusterInfo } from '../api/types.js';
import { writeTransaction } from '../store/writeTransaction.js';
export type { ClusterInfo };

/** How the families were brought up to date: every pair linked, or only what changed since the last time. */
export interface ClusterUpdate {
  mode: 'full' | 'incremental';
  /** Templates new, re-embedded or gone since the last clustering. */
  changed: number;
}

/**
 * Groups templates into families with DBSCAN over their vectors. Ids stay stable across
 * runs: a new cluster takes the id of the old cluster it shares most members with.
 */
export function recluster(db: Database.Database, now: number, eps: number, o: { full?: boolean } = {}): ClusterInfo[] {
  updateClusters(db, now, eps, o);
  return listClusters(db, now);
}

/**
 * The families of recluster(), computed from what changed since the last clustering (see
 * clusterPartition(): the same families as a full pass, which runs when much changed).
 * Labels and ids are derived from the families exactly as a full pass derives them, and
 * only the rows that differ are written.
 */
export function updateClusters(db: Database.Database, now: number, eps: number, o: { full?: boolean } = {}): ClusterUpdate {
  const rows = db
    .prepare(
      `SELECT v.template_id, v.vector, t.tokens, t.template, t.count FROM log_template_vectors v JOIN log_templates t USING (template_id) ORDER BY v.template_id`,
    )
    .all() as { template_id: number; vector: Buffer; tokens: string; template: string | null; count: number }[];
  const vectors = rows.map((r) => fromBlob(r.vector));
  const ids = rows.map((r) => r.template_id);
  const hashes = vectors.map(vectorHash);
  const old = new Map(
    (db.prepare('SELECT template_id, cluster_id FROM log_cluster_members').all() as { template_id: number; cluster_id: number }[]).map((r) => [
      r.template_id,
      r.cluster_id,
    ]),
  );
  const partition = clusterPartition(packVectors(vectors), ids, hashes, agreeing(readClusterBasis(db), old), eps, o);
  let nextId = 1;
  for (const id of old.values()) nextId = Math.max(nextId, id + 1);
  const taken = new Set<number>();
  const clusters: { id: number; label: string; members: typeof rows }[] = [];
  for (const group of partition.groups) {
    const members = group.map((i) => rows[i]!);
    const votes = new Map<number, number>();
    for (const m of members) {
      const prev = old.get(m.template_id);
      if (prev !== undefined) votes.set(prev, (votes.get(prev) ?? 0) + 1);
    }
    const [best, n] = [...votes.entries()].filter(([id]) => !taken.has(id)).sort((a, b) => b[1] - a[1] || a[0] - b[0])[0] ?? [null, 0];
    const id = best !== null && n * 2 >= members.length ? best : nextId++;
    taken.add(id);
    // The label: what sets the family apart, its most representative template's constant text (not its most frequent words).
    const label = familyLabel(members[representative(group.map((i) => ({ vector: vectors[i]!, count: rows[i]!.count, id: rows[i]!.template_id })))]!);
    clusters.push({ id, label, members });
  }
  const membership = new Map<number, number>();
  for (const cl of clusters) for (const m of cl.members) membership.set(m.template_id, cl.id);
  const labels = new Map(
    (db.prepare('SELECT cluster_id, label FROM log_clusters').all() as { cluster_id: number; label: string }[]).map((r) => [r.cluster_id, r.label]),
  );
  writeTransaction(db, () => {
    // Only what differs is written: a family whose members or label changed is stamped with now.
    const touched = new Set<number>();
    const removeMember = db.prepare('DELETE FROM log_cluster_members WHERE template_id = ?');
    const putMember = db.prepare('INSERT OR REPLACE INTO log_cluster_members (template_id, cluster_id) VALUES (?, ?)');
    for (const [template, cluster] of old) {
      if (membership.get(template) === cluster) continue;
      touched.add(cluster);
      if (!membership.has(template)) removeMember.run(template);
    }
    for (const [template, cluster] of membership) {
      if (old.get(template) === cluster) continue;
      touched.add(cluster);
      putMember.run(template, cluster);
    }
    const put = db.prepare('INSERT OR REPLACE INTO log_clusters (cluster_id, label, updated_at) VALUES (?, ?, ?)');
    for (const cl of clusters) if (labels.get(cl.id) !== cl.label || touched.has(cl.id)) put.run(cl.id, cl.label, now);
    const kept = new Set(clusters.map((c) => c.id));
    const drop = db.prepare('DELETE FROM log_clusters WHERE cluster_id = ?');
    for (const id of labels.keys()) if (!kept.has(id)) drop.run(id);
    writeClusterBasis(db, { eps, ids, hashes, clusters: ids.map((id) => membership.get(id) ?? 0) });
  });
  return { mode: partition.mode, changed: partition.changed };
}

/** The basis, if the family tables still say what it says (a clear, a restore or another writer makes it void). */
function agreeing(basis: ClusterBasis | null, members: Map<number, number>): ClusterBasis | null {
  if (!basis) return null;
  let clustered = 0;
  for (let k = 0; k < basis.ids.length; k++) {
    if (basis.clusters[k] === 0) continue;
    if (members.get(basis.ids[k]!) !== basis.clusters[k]) return null;
    clustered++;
  }
  return clustered === members.size ? basis : null;
}

/** Clusters with their lines and an hourly trend over the last 24 hours: three queries, whatever the number of clusters. */
export function listClusters(db: Database.Database, now: number): ClusterInfo[] {
  const clusters = db.prepare('SELECT cluster_id, label FROM log_clusters ORDER BY cluster_id').all() as { cluster_id: number; label: string }[];
  const members = new Map<number, { template_id: number; count: number }[]>();
  for (const r of db
    .prepare('SELECT m.cluster_id, m.template_id, t.count FROM log_cluster_members m JOIN log_templates t USING (template_id) ORDER BY m.template_id')
    .all() as { cluster_id: number; template_id: number; count: number }[]) {
    const list = members.get(r.cluster_id);
    if (list) list.push(r);
    else members.set(r.cluster_id, [r]);
  }
  const from = Math.floor(now / HOUR) * HOUR - 23 * HOUR;
  const trends = new Map<number, number[]>();
  for (const r of db
    .prepare(
      `SELECT m.cluster_id, (x.minute - ?) / ${HOUR} AS h, SUM(x.count) AS n FROM log_template_minutes x JOIN log_cluster_members m USING (template_id)
        WHERE x.minute >= ? AND x.minute < ? GROUP BY m.cluster_id, h`,
    )
    .all(from, from, from + 24 * HOUR) as { cluster_id: number; h: number; n: number }[]) {
    let trend = trends.get(r.cluster_id);
    if (!trend) trends.set(r.cluster_id, (trend = new Array<number>(24).fill(0)));
    trend[r.h] = r.n;
  }
  return clusters
    .map((c) => {
      const ms = members.get(c.cluster_id) ?? [];
      const trend = trends.get(c.cluster_id) ?? new Array<number>(24).fill(0);
      return { id: c.cluster_id, label: c.label, templates: ms.map((m) => m.template_id), lines: ms.reduce((s, m) => s + m.count, 0), trend };
    })
    .sort((a, b) => b.lines - a.lines);
}
