import { describe, expect, it } from 'vitest';
import { rankedWithTies } from '../../../../main/chat/query/rankedWithTies.js';

describe('rankedWithTies', () => {
  it('keeps every row tied with the last one asked for, equal values sharing a place', () => {
    const rows = [6, 6, 5, 4, 4, 4, 1].map((value, i) => ({ key: `s${i}`, value }));
    expect(rankedWithTies(rows, 1).map((x) => [x.place, x.row.key])).toEqual([
      [1, 's0'],
      [1, 's1'],
    ]);
    expect(rankedWithTies(rows, 3).map((x) => x.place)).toEqual([1, 1, 3]);
    expect(rankedWithTies(rows, 4).map((x) => [x.place, x.row.key])).toEqual([
      [1, 's0'],
      [1, 's1'],
      [3, 's2'],
      [4, 's3'],
      [4, 's4'],
      [4, 's5'],
    ]);
    expect(rankedWithTies([], 3)).toEqual([]);
  });
});
