import { describe, expect, it } from 'vitest';
import { FAMILY_LABEL_CHARS, familyLabel, representative } from '../../../main/logs/familyLabel.js';

const label = (template: string): string => familyLabel({ template, tokens: JSON.stringify(template.split(' ')) });
const unit = (...v: number[]): Float32Array => {
  const len = Math.hypot(...v);
  return Float32Array.from(v, (x) => x / len);
};

describe('a family’s name', () => {
  it('is its representative template’s constant text, a run of variables one "…"', () => {
    expect(label('POST <*> user=<*>')).toBe('POST … user=…');
    expect(label('GET <*>=<*>=<*>')).toBe('GET …');
    expect(label('Connection pool usage <*> (idle <*>)')).toBe('Connection pool usage … (idle …)');
    expect(label('入力チェックエラー: 生年月日が範囲外です(項目ID=<*>)')).toBe('入力チェックエラー: 生年月日が範囲外です(項目ID=…)');
  });

  it('is cut at a word past its length, and says so', () => {
    const long = label('Slow query took <*>: SELECT * FROM progress_snapshots WHERE location_name = ? AND business_id = ?');
    expect(long.length).toBeLessThanOrEqual(FAMILY_LABEL_CHARS);
    expect(long).toBe('Slow query took …: SELECT * FROM…');
  });

  it('stands for the member closest to where the family’s lines are; ties go to more lines, then the lower id', () => {
    // Three members; the middle one is nearest to both others.
    const members = [
      { id: 1, count: 10, vector: unit(1, 0) },
      { id: 2, count: 10, vector: unit(1, 1) },
      { id: 3, count: 10, vector: unit(0, 1) },
    ];
    expect(representative(members)).toBe(1);
    // Many lines pull the centre towards their template.
    expect(representative([{ ...members[0]!, count: 1000 }, members[1]!, members[2]!])).toBe(0);
    // Two members: the one with more lines; equal lines, the lower id, whatever the order.
    expect(representative([members[2]!, { ...members[0]!, count: 50 }])).toBe(1);
    expect(representative([members[2]!, members[0]!])).toBe(1);
  });
});
