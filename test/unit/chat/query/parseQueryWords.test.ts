import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../../main/chat/query/parseQuery.js';
import { createNameFinder } from '../../../../main/chat/query/queryNames.js';

const find = createNameFinder(
  {
    sites: ['札幌', '盛岡', '品川', '横浜', '大阪', '佐世保'],
    processes: ['エントリ1', 'エントリ2', '検証', '補正'],
    businessIds: [],
    operators: [],
    services: [],
    hosts: [],
  },
  {},
);
const read = (q: string) => parseQuery(q, find(q)).query;

/** Words the parser matches after folding (katakana as hiragana), and questions about the floor with no operation's words. */
describe('parseQuery: folded words, who, and the floor named without an operation', () => {
  it('「トップ5」「ワースト3」 count (the folded text reads とっぷ, わーすと), and 「多い人」 ranks people', () => {
    expect(read('残業の多い人トップ5は？')).toMatchObject({ op: 'rank', measure: 'overtime', by: 'operator', rank: { order: 'top', n: 5 } });
    expect(read('処理速度ワースト3の拠点')).toMatchObject({ op: 'rank', rank: { order: 'bottom', n: 3 }, by: 'site' });
  });

  it('「誰」 and who ask for the people', () => {
    expect(read('今日休んでいるのは誰？')).toMatchObject({ measure: 'absence', by: 'operator' });
    expect(read('who is absent today?')).toMatchObject({ measure: 'absence', by: 'operator' });
  });

  it('a site and a process named with no operation is a question about them, not outside the floor', () => {
    expect(read('明日の横浜の検証は誰？')).toMatchObject({ op: 'value', site: ['横浜'], process: ['検証'], time: 'tomorrow' });
    expect(read('明日の天気は？').op).toBe('outside');
  });

  it('throughput is a rate: items a minute, not the items done (locked-1128d)', () => {
    expect(read('札幌のEntry 1、普段と比べてthroughputどれくらい落ちてる？')).toMatchObject({ op: 'change', measure: 'speed', site: ['札幌'] });
    expect(read("What's our throughput per hour today?").measure).toBe('speed');
  });
});
