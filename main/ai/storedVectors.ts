import type Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { PRIVATE_DIR_MODE } from '../config/privateFile.js';
import { dirname } from 'node:path';
import { VectorIndex } from './vectorIndex.js';
import { writeTransaction } from '../store/writeTransaction.js';

/** Turns texts (and search queries) into unit vectors. */
export interface TextEmbedder {
  /** Recorded with every vector and the index: a different model means re-embedding. */
  readonly model: string;
  /** DBSCAN radius (cosine distance) for this embedder's scale: hashed n-grams sit further apart than a model's vectors. */
  readonly clusterEps: number;
  embed(texts: string[], kind: 'query' | 'passage'): Promise<Float32Array[]>;
}

export interface VectorSync {
  embedded: number;
  removed: number;
  rebuilt: string | null;
  index: VectorIndex | null;
}

export const toBlob = (v: Float32Array): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
export const fromBlob = (b: Buffer): Float32Array => new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

/** Where the vectors of one kind of row live. Names are the app's own constants, never input. */
export interface VectorTable {
  /** (id INTEGER PRIMARY KEY, model TEXT, vector BLOB) */
  table: string;
  idColumn: string;
  /** The rows embedded: their table (same id column) and how each becomes text. */
  sourceTable: string;
  textColumn: string;
  toText?: (raw: string) => string;
}

/**
 * Each row is embedded once; vectors live in SQLite, the source of truth, and the HNSW
 * index on disk follows them. A missing or damaged index, or one built with another
 * model, is rebuilt from SQLite; a model change re-embeds everything.
 */
export async function syncStoredVectors(db: Database.Database, embedder: TextEmbedder, t: VectorTable, indexPath: string): Promise<VectorSync> {
  db.prepare(`DELETE FROM ${t.table} WHERE model != ?`).run(embedder.model);
  const removed = db.prepare(`DELETE FROM ${t.table} WHERE ${t.idColumn} NOT IN (SELECT ${t.idColumn} FROM ${t.sourceTable})`).run().changes;
  const missing = db
    .prepare(
      `SELECT ${t.idColumn} AS id, ${t.textColumn} AS raw FROM ${t.sourceTable}
      WHERE ${t.idColumn} NOT IN (SELECT ${t.idColumn} FROM ${t.table}) ORDER BY ${t.idColumn}`,
    )
    .all() as { id: number; raw: string }[];
  const insert = db.prepare(`INSERT OR REPLACE INTO ${t.table} (${t.idColumn}, model, vector) VALUES (?, ?, ?)`);
  for (let i = 0; i < missing.length; i += 256) {
    const batch = missing.slice(i, i + 256);
    const vectors = await embedder.embed(
      batch.map((r) => (t.toText ? t.toText(r.raw) : r.raw)),
      'passage',
    );
    writeTransaction(db, () => batch.forEach((r, j) => insert.run(r.id, embedder.model, toBlob(vectors[j]!))));
  }
  const all = db.prepare(`SELECT ${t.idColumn} AS id, vector FROM ${t.table} ORDER BY ${t.idColumn}`).all() as { id: number; vector: Buffer }[];
  if (all.length === 0) return { embedded: missing.length, removed, rebuilt: null, index: null };
  const dim = all[0]!.vector.byteLength / 4;
  mkdirSync(dirname(indexPath), { recursive: true, mode: PRIVATE_DIR_MODE });
  const { index, rebuild } = VectorIndex.open(indexPath, { model: embedder.model, dim });
  const wanted = new Set(all.map((r) => r.id));
  for (const id of index.ids()) if (!wanted.has(id)) index.remove(id);
  for (const r of all) if (!index.has(r.id)) index.add(r.id, fromBlob(r.vector));
  index.save();
  return { embedded: missing.length, removed, rebuilt: rebuild, index };
}
