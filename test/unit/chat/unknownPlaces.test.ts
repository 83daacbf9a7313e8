import { describe, expect, it } from 'vitest';
import { unknownPlaces } from '../../../main/chat/unknownPlaces.js';

const known = { sites: ['札幌', '盛岡', '品川', '横浜', '大阪', '佐世保'], people: ['山口 恵美', '石川 裕子'] };

describe('places the company has no site in', () => {
  it('names a place that is no site, in kanji or in English', () => {
    expect(unknownPlaces('福岡の欠勤率は？', known)).toEqual([{ ja: '福岡', en: 'Fukuoka' }]);
    expect(unknownPlaces('how many absences at the Nagoya site today?', known)).toEqual([{ ja: '名古屋', en: 'Nagoya' }]);
    expect(unknownPlaces('名古屋と札幌の残業を比べて', known).map((p) => p.ja)).toEqual(['名古屋']);
  });

  it("leaves the company's own sites, their prefectures, its people's family names and words that are places only rarely", () => {
    for (const q of ['大阪府の拠点の残件', 'Sapporo absences today', '山口さんは明日休み？', '石川さんの速度', '大分遅れている工程は？', 'sasebo overtime'])
      expect(unknownPlaces(q, known), q).toEqual([]);
  });
});
