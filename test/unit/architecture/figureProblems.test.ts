import { describe, expect, it } from 'vitest';
import { figureProblems } from '../../helpers/figureProblems.js';

describe('the check that finds a figure written another way (used on every view in the e2e tests)', () => {
  it('passes figures written the one way', () => {
    const text = [
      '札幌 エントリ1（SS）: 残り120件、毎分5.0件（必要6.0件）、完了見込み16:04',
      '毎分5.0 → 7.0件（+40%）',
      '5.0 → 7.0/min (+40%)',
      '今日の入荷 11,291件 · 10/24（金）の配置計画 · Fri 10/24 · genba plan --date 2025-10-27',
      'SGT20251023-0A1B2C3D · PLN20251024-0A1B2C3D · 2025年10月 · デモ会社（シード 20251023）',
    ].join('\n');
    expect(figureProblems(text, 2025)).toEqual([]);
  });

  it('finds each figure written another way', () => {
    expect(figureProblems('毎分7件', 2025)).toEqual(['speed 7 in "毎分7"']);
    expect(figureProblems('毎分7.6 → 5件', 2025)).toEqual(['speed 5 in "毎分7.6 → 5"']);
    expect(figureProblems('毎分5.0 → 7.0件（+39%）', 2025)).toEqual(['change +39% beside 5.0 → 7.0 (written from those: +40%)']);
    expect(figureProblems('date: 2025-10-23', 2025)).toEqual(['date 2025-10-23']);
    expect(figureProblems('最終同期: 2025/10/23 15:40', 2025)).toEqual(['date 2025/10/23']);
    expect(figureProblems('10/24（木）', 2025)).toHaveLength(1);
    expect(figureProblems('Thu 10/24', 2025)).toHaveLength(1);
    expect(figureProblems('11291 items', 2025)).toEqual(['count 11291 without separators']);
  });
});
