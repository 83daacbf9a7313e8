import type Database from 'better-sqlite3';
import { fromBlob } from '../ai/storedVectors.js';
import type { LogScatterPoint } from '../api/types.js';
import { project2d } from './projection.js';
import { displayTemplate } from './templateText.js';

/** Every template as a point of the plane, with all its lines (the projection is the same whatever is shown). */
export function templatePoints(db: Database.Database): LogScatterPoint[] {
  const rows = db
    .prepare(
      `SELECT v.template_id, v.vector, t.tokens, t.template, t.count, m.cluster_id FROM log_template_vectors v
      JOIN log_templates t USING (template_id) LEFT JOIN log_cluster_members m USING (template_id) ORDER BY v.template_id`,
    )
    .all() as { template_id: number; vector: Buffer; tokens: string; template: string | null; count: number; cluster_id: number | null }[];
  const xy = project2d(rows.map((r) => fromBlob(r.vector)));
  return rows.map((r, i) => ({
    id: r.template_id,
    x: Math.round(xy[i]![0] * 1e4) / 1e4,
    y: Math.round(xy[i]![1] * 1e4) / 1e4,
    clusterId: r.cluster_id,
    count: r.count,
    anomalous: false,
    template: displayTemplate(r.template, r.tokens),
  }));
}
