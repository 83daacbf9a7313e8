import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../../main/chat/query/parseQuery.js';
import { createNameFinder } from '../../../../main/chat/query/queryNames.js';
import { unusedWords } from '../../../../main/chat/query/wordsAccounted.js';

const find = createNameFinder(
  { sites: ['札幌', '盛岡', '大阪'], processes: ['エントリ1', 'エントリ2', '検証', '補正'], businessIds: [], operators: [], services: [], hosts: [] },
  {},
  {
    札幌: { forms: ['さっぽろ', 'sapporo'], latin: 'Sapporo' },
    盛岡: { forms: ['もりおか', 'morioka'], latin: 'Morioka' },
    大阪: { forms: ['おおさか', 'osaka'], latin: 'Osaka' },
  },
);
const unused = (q: string, deadlines?: ReadonlySet<string>) =>
  unusedWords(find(q), (t) => parseQuery(t, find(t)).query, deadlines ? { deadlines: () => deadlines } : {});

/** Issue 60: every word of a question accounted for, by whether leaving it out changes the reading. */
describe('the words a reading did not use', () => {
  it('a fully read question leaves nothing out: names, measure words, times, counts and function words are all accounted for', () => {
    for (const q of [
      '札幌のエントリ1の残件は何件？',
      '盛岡から2人札幌のエントリ1に回したらどうなる？',
      'How many items are left in Sapporo today?',
      '上位3の拠点を教えて',
      // «以上» and "or above" beside a level read are the threshold's own words.
      '盛岡でエントリ1をレベル3以上でできる人、何人いる？',
      'How many in Osaka can do verification at level 4 or above?',
    ])
      expect(unused(q), q).toEqual([]);
  });

  it('a word of time the reading does not hold is returned as a time: the answer would be of another period (locked-1129h)', () => {
    // September is read (month_09); October, the month compared with, is not.
    expect(unused('September vs October on-time performance?')).toContainEqual({ word: 'october', kind: 'time' });
    expect(unused('札幌の月末の残件は？')).toContainEqual({ word: '月末', kind: 'time' });
    // A weekday beside a date restates it; a time read is used.
    expect(unused('10月21日（火）の札幌の残件は？')).toEqual([]);
    expect(unused('How many items are left in Sapporo today?')).toEqual([]);
  });

  it('a word the names in brackets after it spell out is restated by them (locked-1129o: 関東(品川/横浜))', () => {
    const find2 = createNameFinder({ sites: ['札幌', '品川', '横浜'], processes: [], businessIds: [], operators: [], services: [], hosts: [] }, {}, {});
    const u = (q: string) => unusedWords(find2(q), (t) => parseQuery(t, find2(t)).query).map((w) => w.word);
    expect(u('札幌に3人、関東(品川/横浜)は使わないで')).not.toContain('関東');
    expect(u('札幌に3人、関東は使わないで')).toContain('関東');
  });

  it('an exclusion the reading does not hold is returned as a negation; one it holds (「盛岡以外から」) is not', () => {
    expect(unused('札幌のエントリ1が遅れてる、残業なしで誰を回せる？')).toContainEqual({ word: 'なしで', kind: 'negation' });
    expect(unused('札幌のエントリ1が遅れてる。盛岡以外から回して')).toEqual([]);
    expect(unused('札幌のエントリ1が遅れてる。盛岡からは出さないで')).toEqual([]);
  });

  it('a number is used when its value matters, not merely when it is there', () => {
    // 「16時時点」 is a moment the reading holds, and 「回すと」 supposes the move of 2: nothing is left over.
    expect(unused('盛岡から2人札幌に回すと、札幌の残件は16時時点で何件になる？')).toEqual([]);
    // A time the reading does not hold is returned.
    expect(unused('札幌の残件、16時半ごろのやつは？')).toContainEqual({ word: '16', kind: 'number' });
    expect(unused('毎分7件になったら札幌のエントリ1は間に合う？').filter((u) => u.kind === 'number')).toEqual([]);
    // A clock time that is the deadline of the line asked about says what the answer states; another one is not read.
    expect(unused('Will Sapporo entry 1 make the 16:00 deadline?', new Set(['16:00']))).toEqual([]);
    expect(unused('札幌のエントリ1は16時の締めに間に合う？', new Set(['16:00']))).toEqual([]);
    expect(unused('Will Sapporo entry 1 make the 15:00 deadline?', new Set(['16:00']))).toContainEqual({ word: '15:00', kind: 'number' });
  });

  it('a negation that only makes the question (「遅れてない？」 "isn’t it late?") or states how things are is no exclusion', () => {
    expect(unused('札幌のエントリ1、遅れてない？')).toEqual([]);
    expect(unused("Isn't Sapporo late?")).toEqual([]);
    expect(unused('盛岡の人手が足りない').filter((u) => u.kind === 'negation')).toEqual([]);
  });

  it('a word Genba does not know is returned as a word, so the restatement can mark it', () => {
    expect(unused('札幌の定着率は？')).toContainEqual({ word: '定着率', kind: 'word' });
    expect(unused('What is the churn in Osaka?')).toContainEqual({ word: 'churn', kind: 'word' });
  });
});
