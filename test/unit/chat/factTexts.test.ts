import { describe, expect, it } from 'vitest';
import { correctionAnswer, decisionsAnswer, proposalsAnswer } from '../../../main/chat/factTexts.js';

const T0 = Date.UTC(2026, 10, 20, 0, 0);
const ja = { lang: 'ja' as const, timeZone: 'Asia/Tokyo', businessNames: {} };
const en = { lang: 'en' as const, timeZone: 'Asia/Tokyo', businessNames: {} };

describe('fact answers in words', () => {
  it('says "all sites" when no site is asked and there is no correction data, never a sentence with its subject cut off', () => {
    expect(correctionAnswer([], ja, null)).toBe('全拠点の今日の補正待ちのデータがありません。');
    expect(correctionAnswer([], ja, '札幌')).toBe('札幌の今日の補正待ちのデータがありません。');
    expect(correctionAnswer([], en, null)).toBe('No correction data today.');
    expect(correctionAnswer([], en, '札幌')).toBe('No correction data today for 札幌.');
  });

  it('counts one proposal or decision in the singular in English', () => {
    const proposal = { id: 'p1', createdAt: T0, question: 'q' } as Parameters<typeof proposalsAnswer>[0][number];
    expect(proposalsAnswer([proposal], en).split('\n')[0]).toBe('1 proposal waits for a decision.');
    expect(proposalsAnswer([proposal, { ...proposal, id: 'p2' }], en).split('\n')[0]).toBe('2 proposals wait for a decision.');
    expect(proposalsAnswer([proposal], ja).split('\n')[0]).toBe('承認待ちの提案は1件です。');
    const decision = { id: 'd1', status: 'approved', decidedAt: T0, site: 'S', process: 'P', moves: 1 } as Parameters<typeof decisionsAnswer>[0][number];
    const today = { ja: '今日', en: 'today' };
    expect(decisionsAnswer([decision], en, today).split('\n')[0]).toBe('1 proposal was decided today.');
    expect(decisionsAnswer([decision, { ...decision, id: 'd2' }], en, today).split('\n')[0]).toBe('2 proposals were decided today.');
    expect(decisionsAnswer([decision], ja, today).split('\n')[0]).toBe('今日決定した提案は1件です。');
  });

  it("lists the pending proposals with each language's own punctuation", () => {
    const proposal = { id: 'p1', createdAt: T0, question: 'q1' } as Parameters<typeof proposalsAnswer>[0][number];
    expect(proposalsAnswer([proposal], en).split('\n')[1]).toBe('- p1 (09:00) "q1"');
    expect(proposalsAnswer([proposal], ja).split('\n')[1]).toBe('- p1（09:00）「q1」');
  });
});
