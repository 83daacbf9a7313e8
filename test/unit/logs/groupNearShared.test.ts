import { describe, expect, it } from 'vitest';
import { groupNearShared } from '../../../main/logs/groupNearShared.js';

const MIN = 60_000;
type Item = { name: string; keys: string[]; from: number; to: number };
const group = (items: Item[], gap = 15 * MIN) =>
  groupNearShared(
    items,
    (i) => i.keys,
    (i) => [i.from, i.to],
    gap,
  ).map((g) => g.map((i) => i.name).sort());

describe('grouping anomalies that share a service or host and lie near in time', () => {
  it('joins through a shared key transitively, and keeps an unrelated host apart', () => {
    const items: Item[] = [
      { name: 'a', keys: ['h:ocr-1'], from: 0, to: 10 * MIN },
      { name: 'b', keys: ['h:ocr-1', 's:ocr'], from: 20 * MIN, to: 30 * MIN },
      { name: 'c', keys: ['s:ocr'], from: 40 * MIN, to: 50 * MIN },
      { name: 'd', keys: ['h:db-1'], from: 5 * MIN, to: 6 * MIN },
    ];
    expect(group(items)).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('splits the same host when the quiet time between exceeds the gap, and joins it at the gap exactly', () => {
    const at = (name: string, from: number): Item => ({ name, keys: ['h:x'], from, to: from });
    expect(group([at('a', 0), at('b', 16 * MIN)])).toEqual([['a'], ['b']]);
    expect(group([at('a', 0), at('b', 15 * MIN)])).toEqual([['a', 'b']]);
    // A long anomaly keeps the group open past a short one that ended earlier.
    expect(group([{ name: 'long', keys: ['h:x'], from: 0, to: 60 * MIN }, at('short', 1 * MIN), at('late', 70 * MIN)])).toEqual([['late', 'long', 'short']]);
  });

  it('matches the pairwise rule on random cases', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 50; run++) {
      const items: Item[] = Array.from({ length: 12 }, (_, i) => {
        const from = Math.floor(rnd() * 200) * MIN;
        return {
          name: String(i),
          keys: [`h:${Math.floor(rnd() * 3)}`, `s:${Math.floor(rnd() * 4)}`].slice(0, 1 + Math.floor(rnd() * 2)),
          from,
          to: from + Math.floor(rnd() * 20) * MIN,
        };
      });
      // Pairwise reference: near and sharing a key, closed transitively.
      const parent = items.map((_, i) => i);
      const root = (i: number): number => (parent[i] === i ? i : root(parent[i]!));
      items.forEach((x, a) =>
        items.forEach((y, b) => {
          if (x.from - 15 * MIN <= y.to && y.from - 15 * MIN <= x.to && x.keys.some((k) => y.keys.includes(k))) parent[root(a)] = root(b);
        }),
      );
      const expected = new Map<number, string[]>();
      items.forEach((x, i) => expected.set(root(i), [...(expected.get(root(i)) ?? []), x.name]));
      const norm = (gs: string[][]) => gs.map((g) => g.sort().join(',')).sort();
      expect(norm(group(items))).toEqual(norm([...expected.values()]));
    }
  });
});
