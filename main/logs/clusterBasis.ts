import type Database from 'better-sqlite3';

/** meta key: what the families were last computed from (see ClusterBasis). */
const KEY = 'log_clusters_basis';

/**
 * What the last clustering saw: every template it clustered (noise included, which no
 * table records), a hash of its vector, and the family it went to (0: none). The next
 * clustering compares it with the vectors of now to find what is new, changed or gone.
 */
export interface ClusterBasis {
  eps: number;
  ids: number[];
  hashes: number[];
  clusters: number[];
}

/** FNV-1a over a vector's bits: a vector re-embedded from other text (a retired template's) counts as changed. */
export function vectorHash(v: Float32Array): number {
  const words = new Uint32Array(v.buffer, v.byteOffset, v.length);
  let h = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) {
    h ^= words[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function readClusterBasis(db: Database.Database): ClusterBasis | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (!row) return null;
  try {
    const b = JSON.parse(row.value) as Partial<ClusterBasis>;
    const ok =
      typeof b.eps === 'number' &&
      Array.isArray(b.ids) &&
      Array.isArray(b.hashes) &&
      Array.isArray(b.clusters) &&
      b.ids.length === b.hashes.length &&
      b.ids.length === b.clusters.length;
    return ok ? (b as ClusterBasis) : null;
  } catch {
    return null;
  }
}

export function writeClusterBasis(db: Database.Database, b: ClusterBasis): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(b));
}
