import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VectorIndex } from '../../../main/ai/vectorIndex.js';
import { createRandom } from '../../../main/sync/demo/random.js';
import { tempDir } from '../../helpers/tempDir.js';

const DIM = 32;
const r = createRandom(7);
const unit = (v: number[]): number[] => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};
/** 20 clusters of 100 points around random centres: what real embeddings look like, unlike uniform noise. */
function clustered(): { centres: number[][]; points: number[][] } {
  const centres = Array.from({ length: 20 }, () => unit(Array.from({ length: DIM }, () => r.normal(0, 1))));
  const points = centres.flatMap((c) => Array.from({ length: 100 }, () => unit(c.map((x) => x + r.normal(0, 0.15)))));
  return { centres, points };
}
function exactTop(points: number[][], q: number[], k: number, skip = new Set<number>()): number[] {
  return points
    .map((p, id) => ({ id, s: p.reduce((a, x, i) => a + x * q[i]!, 0) }))
    .filter((x) => !skip.has(x.id))
    .sort((a, b) => b.s - a.s)
    .slice(0, k)
    .map((x) => x.id);
}

describe('vector index (hnswlib-node)', () => {
  const dirs: { remove: () => void }[] = [];
  const file = (): string => {
    const d = tempDir();
    dirs.push(d);
    return join(d.path, 'index.hnsw');
  };
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

  it('finds the true nearest neighbours of clustered vectors (recall@10 ≥ 0.95), growing past its capacity', () => {
    const { points } = clustered();
    const index = VectorIndex.create(file(), { model: 'test', dim: DIM }, 64);
    points.forEach((p, id) => index.add(id, p));
    expect(index.size).toBe(2000);
    let hits = 0;
    for (let q = 0; q < 100; q++) {
      const query = points[q * 20]!;
      const truth = new Set(exactTop(points, query, 10));
      hits += index.search(query, 10).filter((h) => truth.has(h.id)).length;
    }
    expect(hits / 1000).toBeGreaterThanOrEqual(0.95);
    expect(index.search(points[5]!, 1)[0]).toMatchObject({ id: 5 });
    expect(index.search(points[5]!, 1)[0]!.score).toBeCloseTo(1, 5);
  });

  it('persists, reopens, deletes, re-adds and reuses deleted slots', () => {
    const path = file();
    const { points } = clustered();
    const index = VectorIndex.create(path, { model: 'test', dim: DIM }, 256);
    points.slice(0, 200).forEach((p, id) => index.add(id, p));
    index.remove(5);
    index.remove(6);
    index.save();
    const reopened = VectorIndex.open(path, { model: 'test', dim: DIM });
    expect(reopened.rebuild).toBeNull();
    expect(reopened.index.size).toBe(198);
    expect(reopened.index.has(5)).toBe(false);
    expect(reopened.index.search(points[5]!, 3).map((h) => h.id)).not.toContain(5);
    reopened.index.add(5, points[5]!); // back again
    reopened.index.add(1000, points[300]!); // new: may take 6's slot
    expect(reopened.index.size).toBe(200);
    expect(reopened.index.search(points[5]!, 1)[0]?.id).toBe(5);
    reopened.index.save();
    expect(VectorIndex.open(path, { model: 'test', dim: DIM }).index.size).toBe(200);
  });

  it('asks for a rebuild when the file is missing, damaged or built with another model', () => {
    const path = file();
    expect(VectorIndex.open(path, { model: 'test', dim: DIM }).rebuild).toBe('missing');
    const index = VectorIndex.create(path, { model: 'test', dim: DIM });
    index.add(1, unit(Array.from({ length: DIM }, () => 1)));
    index.save();
    expect(VectorIndex.open(path, { model: 'other-model', dim: DIM }).rebuild).toBe('model-changed');
    expect(VectorIndex.open(path, { model: 'test', dim: 64 }).rebuild).toBe('model-changed');
    writeFileSync(path, Buffer.alloc(100, 7));
    expect(VectorIndex.open(path, { model: 'test', dim: DIM }).rebuild).toBe('corrupt');
    writeFileSync(`${path}.meta.json`, '{');
    expect(VectorIndex.open(path, { model: 'test', dim: DIM }).rebuild).toBe('corrupt');
  });
});
