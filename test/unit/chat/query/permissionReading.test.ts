import { describe, expect, it } from 'vitest';
import { UNSURE } from '../../../../main/chat/query/calibration.js';
import { parseQuery } from '../../../../main/chat/query/parseQuery.js';
import { createNameFinder } from '../../../../main/chat/query/queryNames.js';

const find = createNameFinder({ sites: ['札幌', '盛岡'], processes: ['検証', '補正'], businessIds: [], operators: ['山本 花子'], services: [], hosts: [] }, {});
const read = (q: string) => parseQuery(q, find(q));

/** Issue 60: ask back only when it matters. Whether a kind of work may be given to someone is the rules' question. */
describe('a question whether something may be done', () => {
  it('is read as the rules, surely enough to answer, however it is put', () => {
    for (const q of [
      '応援の人に検証の最終チェックをやってもらってもいい？',
      '応援の人に検証の最終チェックを任せても大丈夫？',
      '新人に補正を任せても大丈夫？',
    ]) {
      const r = read(q);
      expect(r.query.op, q).toBe('knowhow');
      expect(r.confidence, q).toBeGreaterThanOrEqual(UNSURE);
    }
  });

  it('asked of a day, or of a move named with its people, it stays a question about the floor', () => {
    expect(read('盛岡から3人抜いても大丈夫？').query.op).toBe('whatif');
    expect(read('山本さんの有休、明日承認して大丈夫？').query.op).not.toBe('knowhow');
  });
});
