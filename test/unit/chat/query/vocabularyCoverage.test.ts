import { describe, expect, it } from 'vitest';
import { vocabularyCoverage } from '../../../../main/chat/query/measures.js';
import { MEASURE_IDS } from '../../../../main/api/askQuery.js';

/** Issue 60: English covers every measure as Japanese does (the words are declared once, in measures.ts). */
describe('the vocabulary of the measures', () => {
  it('every measure has Japanese and English words', () => {
    const coverage = vocabularyCoverage();
    expect(coverage.map((v) => v.measure).sort()).toEqual([...MEASURE_IDS].sort());
    expect(coverage.filter((v) => v.ja.length === 0 || v.en.length === 0).map((v) => v.measure)).toEqual([]);
  });
});
