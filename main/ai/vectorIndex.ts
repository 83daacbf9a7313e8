import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import type { HierarchicalNSW } from 'hnswlib-node';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { writePrivateFile } from '../config/privateFile.js';

/** What an index file was built with: a different model or dimension means rebuild. */
const metaSchema = z.object({
  version: z.literal(1),
  model: z.string(),
  dim: z.number().int().positive(),
  capacity: z.number().int().positive(),
  count: z.number().int().nonnegative(),
  deleted: z.array(z.number().int()),
});
export type IndexTag = { model: string; dim: number };

export type OpenResult = { index: VectorIndex; rebuild: null | 'missing' | 'model-changed' | 'corrupt' };

const M = 16;
const EF_CONSTRUCTION = 200;

/** The native addon loads with the first index opened, not with the app: a question that needs no know-how never opens one. */
const hnswlib = (): typeof import('hnswlib-node') => createRequire(import.meta.url)('hnswlib-node') as typeof import('hnswlib-node');

/**
 * An HNSW index (hnswlib-node, cosine) on local disk, with ids chosen by the caller
 * (SQLite row ids). Grows as points are added; deletions are marked and their slots
 * reused. A sidecar records the embedding model and dimension it was built with.
 */
export class VectorIndex {
  /** hnswlib keeps deleted labels in its id list; the live and deleted sets are kept here. */
  private readonly live: Set<number>;
  private readonly deleted: Set<number>;

  private constructor(
    private readonly path: string,
    readonly tag: IndexTag,
    private hnsw: HierarchicalNSW,
    private capacity: number,
    deleted: number[] = [],
  ) {
    this.deleted = new Set(deleted);
    this.live = new Set(hnsw.getIdsList().filter((id) => !this.deleted.has(id)));
  }

  static create(path: string, tag: IndexTag, capacity = 1024): VectorIndex {
    const hnsw = new (hnswlib().HierarchicalNSW)('cosine', tag.dim);
    hnsw.initIndex({ maxElements: capacity, m: M, efConstruction: EF_CONSTRUCTION, randomSeed: 100, allowReplaceDeleted: true });
    hnsw.setEf(64);
    return new VectorIndex(path, tag, hnsw, capacity);
  }

  /**
   * Opens the index at `path`. A missing, damaged or differently built index comes back
   * empty with the reason: the caller re-embeds from SQLite, the source of truth.
   */
  static open(path: string, tag: IndexTag): OpenResult {
    const metaPath = `${path}.meta.json`;
    if (!existsSync(path) || !existsSync(metaPath)) return { index: VectorIndex.create(path, tag), rebuild: 'missing' };
    let meta: z.infer<typeof metaSchema>;
    try {
      meta = metaSchema.parse(JSON.parse(readFileSync(metaPath, 'utf8')));
    } catch {
      return { index: VectorIndex.create(path, tag), rebuild: 'corrupt' };
    }
    if (meta.model !== tag.model || meta.dim !== tag.dim) return { index: VectorIndex.create(path, tag), rebuild: 'model-changed' };
    try {
      const hnsw = new (hnswlib().HierarchicalNSW)('cosine', tag.dim);
      hnsw.readIndexSync(path, true);
      if (hnsw.getCurrentCount() !== meta.count) throw new Error('count mismatch');
      hnsw.setEf(64);
      return { index: new VectorIndex(path, tag, hnsw, hnsw.getMaxElements(), meta.deleted), rebuild: null };
    } catch {
      return { index: VectorIndex.create(path, tag), rebuild: 'corrupt' };
    }
  }

  get size(): number {
    return this.live.size;
  }

  has(id: number): boolean {
    return this.live.has(id);
  }

  ids(): number[] {
    return [...this.live];
  }

  /** Adds or replaces the vector for `id`, doubling the capacity when full. */
  add(id: number, vector: Float32Array | number[]): void {
    if (vector.length !== this.tag.dim) throw new Error(`vector has ${vector.length} dimensions, index has ${this.tag.dim}`);
    if (this.deleted.has(id)) {
      this.hnsw.unmarkDelete(id); // hnswlib updates a deleted label only once it is live again
      this.deleted.delete(id);
    } else if (!this.live.has(id) && this.hnsw.getCurrentCount() >= this.capacity && this.deleted.size === 0) {
      this.capacity *= 2;
      this.hnsw.resizeIndex(this.capacity);
    }
    this.hnsw.addPoint(Array.from(vector), id, !this.live.has(id));
    this.live.add(id);
  }

  remove(id: number): void {
    if (!this.live.has(id)) return;
    this.hnsw.markDelete(id);
    this.live.delete(id);
    this.deleted.add(id);
  }

  /** Nearest neighbours by cosine similarity (1 = same direction). */
  search(vector: Float32Array | number[], k: number, filter?: (id: number) => boolean): { id: number; score: number }[] {
    const n = Math.min(k, this.size);
    if (n === 0) return [];
    const r = this.hnsw.searchKnn(Array.from(vector), n, filter);
    return r.neighbors.map((id, i) => ({ id, score: 1 - r.distances[i]! }));
  }

  /** Writes atomically: the index to a temp file, renamed, then its sidecar. */
  save(): void {
    const tmp = `${this.path}.tmp`;
    writePrivateFile(tmp, ''); // hnswlib writes into the file it finds, keeping its mode: private before the vectors go in
    this.hnsw.writeIndexSync(tmp);
    renameSync(tmp, this.path);
    // A new label may have taken a deleted label's slot: keep only deleted labels still present.
    const present = new Set(this.hnsw.getIdsList());
    for (const id of this.deleted) if (!present.has(id)) this.deleted.delete(id);
    const meta = { version: 1, ...this.tag, capacity: this.capacity, count: this.hnsw.getCurrentCount(), deleted: [...this.deleted] };
    writePrivateFile(`${this.path}.meta.json.tmp`, JSON.stringify(meta));
    renameSync(`${this.path}.meta.json.tmp`, `${this.path}.meta.json`);
  }

  static remove(path: string): void {
    rmSync(path, { force: true });
    rmSync(`${path}.meta.json`, { force: true });
  }
}
