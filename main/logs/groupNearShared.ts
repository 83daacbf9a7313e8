/**
 * Groups items that share a key (a service, a host) and whose time spans lie within `gapMs`
 * of each other, transitively: A and B share a host, B and C a service, so A, B and C are
 * one group. Per key, the items sorted by start are swept once (union-find), so the cost is
 * n log n, not the n² of comparing every pair. Groups come in the order of their first item.
 */
export function groupNearShared<T>(
  items: readonly T[],
  keysOf: (item: T) => Iterable<string>,
  spanOf: (item: T) => readonly [number, number],
  gapMs: number,
): T[][] {
  const parent = items.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const byKey = new Map<string, number[]>();
  items.forEach((item, i) => {
    for (const k of keysOf(item)) {
      const list = byKey.get(k);
      if (list) list.push(i);
      else byKey.set(k, [i]);
    }
  });
  for (const list of byKey.values()) {
    list.sort((a, b) => spanOf(items[a]!)[0] - spanOf(items[b]!)[0]);
    let last = list[0]!;
    let reach = spanOf(items[last]!)[1];
    for (const i of list.slice(1)) {
      const [from, to] = spanOf(items[i]!);
      if (from - gapMs <= reach) parent[root(i)] = root(last);
      else reach = -Infinity;
      reach = Math.max(reach, to);
      last = i;
    }
  }
  const groups = new Map<number, T[]>();
  items.forEach((item, i) => {
    const g = groups.get(root(i));
    if (g) g.push(item);
    else groups.set(root(i), [item]);
  });
  return [...groups.values()];
}
