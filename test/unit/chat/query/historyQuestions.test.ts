import { describe, expect, it } from 'vitest';
import { fullQuery } from '../../../../main/api/askQuery.js';
import { engineFor } from '../../../../main/chat/engineFor.js';
import { parseQuery } from '../../../../main/chat/query/parseQuery.js';
import { createNameFinder } from '../../../../main/chat/query/queryNames.js';
import { readModelQuery } from '../../../../main/chat/query/queryModel.js';

const find = createNameFinder(
  { sites: ['札幌', '盛岡', '大阪'], processes: ['エントリ1', 'エントリ2', '検証', '補正'], businessIds: [], operators: [], services: [], hosts: [] },
  {},
  {
    札幌: { forms: ['さっぽろ', 'sapporo'], latin: 'Sapporo' },
    盛岡: { forms: ['もりおか', 'morioka'], latin: 'Morioka' },
    大阪: { forms: ['おおさか', 'osaka'], latin: 'Osaka' },
  },
);
const read = (q: string) => parseQuery(q, find(q));
const JA_QUESTION = '前回札幌に応援を出したときはどうなった？';

/** Issue 60: what came of a decision already taken is a history question, never a proposal or a what-if. */
describe('a question about past decisions and what came of them', () => {
  it.each([
    ['前回札幌に応援を出したときはどうなった？', { site: ['札幌'], time: null }],
    ['この前の札幌への応援、効果はあった？', { site: ['札幌'] }],
    ['先週札幌に人を回したときはどうだった？', { site: ['札幌'], time: 'last_week' }],
    ['以前札幌のエントリ1に応援を出したときは間に合った？', { site: ['札幌'], process: ['エントリ1'] }],
    ['札幌の応援、効果出てる？', { site: ['札幌'] }],
    ['What happened the last time we sent people to Sapporo?', { site: ['札幌'] }],
    ['what happened when we moved people to Sapporo?', { site: ['札幌'] }],
    ['Did the move to Sapporo help?', { site: ['札幌'] }],
    ['last time we moved people to Sapporo, how did it go?', { site: ['札幌'] }],
    ['How did the last move turn out?', { site: [] }],
    // What was decided then, asked: the same records.
    ['What did we decide last time Sapporo was late?', { site: ['札幌'] }],
    ['前回札幌が遅れたときはどうした？', { site: ['札幌'] }],
  ])('%s: history of moves, read with confidence, answered from the records', (q, fields) => {
    const p = read(q);
    expect(p.query).toMatchObject({ op: 'history', measure: 'decisions', move: null, by: null, ...fields });
    expect(p.confidence).toBeGreaterThanOrEqual(0.6);
    expect(engineFor(p.query, '2025-10-23')).toBe('decisionHistory');
  });

  it('a plan decided before is the history of plans; a plan for a day ahead is not history', () => {
    expect(read('How did the last approved plan turn out?').query).toMatchObject({ op: 'history', measure: 'planned_staff' });
    expect(read('この前の計画はどうなった？').query).toMatchObject({ op: 'history', measure: 'planned_staff' });
    expect(read('明日の計画はどうなった？').query.op).not.toBe('history');
  });

  it.each([
    ['札幌に応援を出して', 'propose'],
    ['Suggest a move to Sapporo', 'propose'],
    ['札幌エントリ1に誰を回せばいい？', 'propose'],
    ['札幌のエントリ1工程が遅延しています', 'propose'],
    ['盛岡から3人札幌のエントリ1に回したら間に合う？', 'whatif'],
    ['3人回したらどうなる？', 'whatif'],
    ['What happens if we move 2 people to Sapporo?', 'whatif'],
    ['昨日の承認は何件？', 'value'],
  ])('%s stays %s', (q, op) => {
    expect(read(q).query.op).toBe(op);
  });

  it("the intent model's proposal of a history question does not stand: the rules' history does", () => {
    const rules = read(JA_QUESTION);
    const model = {
      op: 'propose',
      measure: 'slack',
      site: ['札幌'],
      process: [],
      business: [],
      operator: [],
      service: [],
      by: null,
      time: null,
      rank: null,
      confidence: 0.9,
    };
    const q = readModelQuery(model, { names: { sites: [], processes: [], businessIds: [], operators: [], services: [], hosts: [] }, find }, rules).query;
    expect(q).toEqual(fullQuery({ op: 'history', measure: 'decisions', site: ['札幌'] }));
  });
});
