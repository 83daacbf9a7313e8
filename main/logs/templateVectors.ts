import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { VectorIndex } from '../ai/vectorIndex.js';
import { templateText } from './templateText.js';
import type { TextEmbedder } from './templateEmbedder.js';

export interface VectorSync { embedded: number; removed: number; rebuilt: string | null; index: VectorIndex | null }

const blob = (v: Float32Array): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
export const fromBlob = (b: Buffer): Float32Array => new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

/**
 * Each template is embedded once (its lines inherit it); vectors live in SQLite, the source
 * of truth, and the HNSW index on disk follows them. A missing or damaged index, or one
 * built with another model, is rebuilt from SQLite; a model change re-embeds everything.
 */
export async function syncTemplateVectors(db: Database.Database, embedder: TextEmbedder, indexDir: string): Promise<VectorSync> {
  db.prepare('DELETE FROM log_template_vectors WHERE model != ?').run(embedder.model);
  const removed = db.prepare('DELETE FROM log_template_vectors WHERE template_id NOT IN (SELECT template_id FROM log_templates)').run().changes;
  const missing = db.prepare(
    `SELECT template_id, tokens FROM log_templates WHERE template_id NOT IN (SELECT template_id FROM log_template_vectors) ORDER BY template_id`,
  ).all() as { template_id: number; tokens: string }[];
  const insert = db.prepare('INSERT OR REPLACE INTO log_template_vectors (template_id, model, vector) VALUES (?, ?, ?)');
  for (let i = 0; i < missing.length; i += 256) {
    const batch = missing.slice(i, i + 256);
    const vectors = await embedder.embed(batch.map((t) => templateText(JSON.parse(t.tokens))), 'passage');
    db.transaction(() => batch.forEach((t, j) => insert.run(t.template_id, embedder.model, blob(vectors[j]!))))();
  }
  const all = db.prepare('SELECT template_id, vector FROM log_template_vectors ORDER BY template_id').all() as { template_id: number; vector: Buffer }[];
  if (all.length === 0) return { embedded: missing.length, removed, rebuilt: null, index: null };
  const dim = all[0]!.vector.byteLength / 4;
  mkdirSync(indexDir, { recursive: true });
  const { index, rebuild } = VectorIndex.open(join(indexDir, 'log-templates.hnsw'), { model: embedder.model, dim });
  const wanted = new Set(all.map((r) => r.template_id));
  for (const id of index.ids()) if (!wanted.has(id)) index.remove(id);
  for (const r of all) if (!index.has(r.template_id)) index.add(r.template_id, fromBlob(r.vector));
  index.save();
  return { embedded: missing.length, removed, rebuilt: rebuild, index };
}
