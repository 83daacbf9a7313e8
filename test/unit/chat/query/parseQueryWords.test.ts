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

  it('a count of work asked in the past tense with its verb after did is the work done, not what is left (locked-1129g, noticed)', () => {
    expect(read('how many items did we process today?')).toMatchObject({ op: 'value', measure: 'done', time: 'today' });
    expect(read('how many claims did 札幌 enter yesterday?')).toMatchObject({ measure: 'done', site: ['札幌'], time: 'yesterday' });
    expect(read('how many are left today?').measure).toBe('remaining');
    expect(read('did we finish Sapporo today?').measure).toBe('finish');
  });

  it('anyone sent or helping is a move asked about, a proposal, not a check of the slack (locked-1129g, noticed)', () => {
    expect(read('can we send anyone to 札幌?')).toMatchObject({ op: 'propose', site: ['札幌'] });
    expect(read('could anyone help 札幌?')).toMatchObject({ op: 'propose', site: ['札幌'] });
    expect(read('is anyone late today?').op).toBe('check');
  });

  it('the most at risk is the least slack, and people taken off a place leave it (locked-1129h)', () => {
    expect(read('Which business is most at risk today?')).toMatchObject({ op: 'rank', measure: 'slack', rank: { order: 'bottom' } });
    expect(read('一番危ない業務は？')).toMatchObject({ op: 'rank', measure: 'slack', rank: { order: 'bottom' } });
    expect(read('which site has the most slack?').rank).toMatchObject({ order: 'top' });
    expect(read('What if I take 4 people off 大阪 補正 to help elsewhere?').move).toMatchObject({ count: 4, from: '大阪', to: null });
  });

  it('throughput is a rate: items a minute, not the items done (locked-1128d)', () => {
    expect(read('札幌のEntry 1、普段と比べてthroughputどれくらい落ちてる？')).toMatchObject({ op: 'change', measure: 'speed', site: ['札幌'] });
    expect(read("What's our throughput per hour today?").measure).toBe('speed');
  });

  it('money asked of a measure Genba has is money it keeps none of: a penalty, an overtime cost (locked-1128d)', () => {
    expect(read('札幌のエントリ1が16時に間に合わなかったら、penaltyいくら？').measure).toBe('unknown');
    expect(read('How much does overtime cost us this month?').measure).toBe('unknown');
    expect(read('今月の残業は何分？').measure).toBe('overtime');
    expect(read('How much do we bill the client per claim?').measure).toBe('unknown');
    expect(read('SSの単価は？').measure).toBe('unknown');
    expect(read('Are we fine on 札幌?').measure).not.toBe('unknown');
  });

  it('"who can help Sapporo?" asks who moves; "who can help me …" does not', () => {
    expect(read("Don't take anyone from 大阪, who can help 札幌 エントリ1?")).toMatchObject({ op: 'propose', site: ['札幌'], notFrom: ['大阪'] });
    expect(read('who can help me understand the alerts?').op).not.toBe('propose');
  });

  it('the days ranked are a figure per day, in order; «rank the sites» is every site; "in the last 30 days" ranks no days (locked-1129h)', () => {
    expect(read('Top 3 heaviest days this month by incoming volume?')).toMatchObject({ op: 'rank', measure: 'arrivals', by: 'day', time: 'this_month' });
    expect(read('今月一番入荷が多かった日は？')).toMatchObject({ op: 'rank', measure: 'arrivals', by: 'day' });
    expect(read('rank the sites by items processed today')).toMatchObject({ op: 'rank', measure: 'done', by: 'site', rank: { order: 'top', n: 50 } });
    expect(read('Which operators have the most absences in the last 30 days?')).toMatchObject({ measure: 'absence', by: 'operator', time: 'last_30d' });
  });

  it("a word for people names whom a figure is split by, not speed; a person's speed is the operator measure (issue 60)", () => {
    expect(read('Which operator made the most keying mistakes this week?').measure).not.toBe('operator_speed');
    expect(read('一番速いオペレーターは？')).toMatchObject({ measure: 'operator_speed', by: 'operator' });
  });

  it('a statement put as a question is a yes or no; assignments are the staffing plan (locked-1129h)', () => {
    expect(read("Tomorrow's assignments are already set up, right?")).toMatchObject({ op: 'check', measure: 'planned_staff', time: 'tomorrow' });
    expect(read('明日の配置はもう決まってるよね？')).toMatchObject({ op: 'check', measure: 'planned_staff', time: 'tomorrow' });
  });

  it('"for the month" is this month', () => {
    expect(read('Are we under 100 hours of overtime for the month?')).toMatchObject({ measure: 'overtime', time: 'this_month' });
  });

  it('late said of people is a late arrival, of work the slack; whether anyone is so asks who (locked-1129i)', () => {
    expect(read('今日遅刻した人は？')).toMatchObject({ measure: 'late_arrivals', time: 'today' });
    expect(read('anyone late this morning?')).toMatchObject({ measure: 'late_arrivals', by: 'operator' });
    expect(read('who was late today?')).toMatchObject({ measure: 'late_arrivals' });
    expect(read('is anything late?').measure).toBe('slack');
    expect(read('nobody off in 横浜 today, right?')).toMatchObject({ measure: 'absence', site: ['横浜'] });
  });

  it('items that came in are work; a day of month in the past tense is the last one; the biggest day is a day ranked (locked-1129i)', () => {
    expect(read('how many items came in today').measure).toBe('arrivals');
    expect(read('who came in today?').measure).toBe('attendance');
    expect(read('14日、何があったの？').time).toBe('dom_14_past');
    expect(read('biggest inflow day this month?')).toMatchObject({ op: 'rank', measure: 'arrivals', by: 'day' });
  });

  it('「各業務」 is each business; work «still waiting» is the items left (locked-1129k)', () => {
    expect(read('各業務の納期って何時だっけ')).toMatchObject({ measure: 'deadline', by: 'business' });
    expect(read('Rank the sites by how much work is still waiting right now.')).toMatchObject({ op: 'rank', measure: 'remaining', by: 'site' });
  });
});
