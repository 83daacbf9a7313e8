import { describe, expect, it } from 'vitest';
import { UNSURE } from '../../../../main/chat/query/calibration.js';
import { parseQuery } from '../../../../main/chat/query/parseQuery.js';
import { createNameFinder } from '../../../../main/chat/query/queryNames.js';

// The sites' readings as the dictionary makes them (nameReadings.ts), given here: Latin names are read from them.
const find = createNameFinder(
  { sites: ['札幌', '盛岡', '大阪'], processes: ['エントリ1', 'エントリ2', '検証', '補正'], businessIds: [], operators: [], services: [], hosts: [] },
  {},
  {
    札幌: { forms: ['さっぽろ', 'sapporo'], latin: 'Sapporo' },
    盛岡: { forms: ['もりおか', 'morioka'], latin: 'Morioka' },
    大阪: { forms: ['おおさか', 'osaka'], latin: 'Osaka' },
  },
);
const move = (q: string) => parseQuery(q, find(q)).query.move;

/** Issue 60: a what-if moves people the way the words say, out of one place and into another process. */
describe('the direction of a move in a what-if', () => {
  it('"pull 2 people out of Osaka Entry 2" takes them out of Osaka: a removal, not a move into it', () => {
    expect(move('If I pull 2 people out of Osaka Entry 2 right now, does Osaka still make its 17:00 deadlines?')).toEqual({
      count: 2,
      from: '大阪',
      to: null,
      process: 'エントリ2',
    });
    expect(move('What if 3 people are taken away from Osaka?')).toMatchObject({ count: 3, from: '大阪', to: null });
  });

  it('the process moved to is the one named with the target, not the one they leave; the one they leave is theirs', () => {
    expect(move('大阪の検証から2名を札幌のエントリ1に移したら大阪への影響は？')).toEqual({
      count: 2,
      from: '大阪',
      to: '札幌',
      process: 'エントリ1',
      fromProcess: '検証',
    });
    expect(move('What if I move 2 people from Osaka verification to Sapporo entry 1?')).toEqual({
      count: 2,
      from: '大阪',
      to: '札幌',
      process: 'エントリ1',
      fromProcess: '検証',
    });
    // The team they leave named, the target's line not: the line is the one the target site needs (staffMoveOf).
    expect(move('盛岡の検証チームから3人、札幌に回したらどうなる？')).toEqual({ count: 3, from: '盛岡', to: '札幌', process: null, fromProcess: '検証' });
    expect(move('盛岡から3人札幌のエントリ1に回したら間に合う？')).toEqual({ count: 3, from: '盛岡', to: '札幌', process: 'エントリ1' });
  });
});

/** Issue 60: a move asked whether it can be made names itself whole: weighed as named, with no ask-back, never a proposal. */
describe('a move asked whether it can be made', () => {
  const read = (q: string) => parseQuery(q, find(q));
  it('「札幌のエントリ1に盛岡から3人くらい回せる？」 is a what-if of 3 from 盛岡 into 札幌 エントリ1, read surely enough to answer', () => {
    const r = read('札幌のエントリ1に盛岡から3人くらい回せる？');
    expect(r.query).toMatchObject({ op: 'whatif', move: { count: 3, from: '盛岡', to: '札幌', process: 'エントリ1' } });
    expect(r.confidence).toBeGreaterThanOrEqual(UNSURE);
    expect(read('Can we send 2 people from Osaka to Sapporo entry 1?').query).toMatchObject({
      op: 'whatif',
      move: { count: 2, from: '大阪', to: '札幌', process: 'エントリ1' },
    });
  });

  it('a target named first with its process and に keeps the site after it as the source (「札幌の検証工程に盛岡から1名」)', () => {
    expect(move('札幌の検証工程に盛岡から1名応援を出した場合、納期に間に合いますでしょうか。')).toEqual({
      count: 1,
      from: '盛岡',
      to: '札幌',
      process: '検証',
    });
  });

  it('the site whose people are named is where they leave, when another is where they go (locked-1129h)', () => {
    const read = (q: string) => parseQuery(q, find(q)).query;
    expect(read('盛岡の人で今すぐ札幌に回せる人いる？')).toMatchObject({ op: 'propose', site: ['札幌'], from: ['盛岡'] });
    expect(read('Morioka people who could go to Sapporo now?')).toMatchObject({ op: 'propose', site: ['札幌'], from: ['盛岡'] });
    // The only site named as the place of the people who can be sent out is where they leave.
    expect(read('盛岡でエントリ1の応援に出せる人(Lv3以上・経験2年以上)は？')).toMatchObject({ op: 'propose', from: ['盛岡'] });
    // One site alone is no move between two: its people stay its own.
    expect(read('札幌の人を増やしたい').from).toEqual([]);
  });

  it('a request for people without a number or a source stays a proposal (「札幌に応援を回して」)', () => {
    expect(read('札幌に応援を回して').query.op).toBe('propose');
  });
});

/** Issue 60: an exclusion is kept: a site not to take people from is neither the site asked about nor a source. */
describe('sites not to take people from', () => {
  const read = (q: string) => parseQuery(q, find(q)).query;
  it('"but don\'t take anyone from Morioka" and 「盛岡からは出さないで」 keep 盛岡 out', () => {
    expect(read("Suggest a move to fix Sapporo's delay, but don't take anyone from Morioka.")).toMatchObject({
      op: 'propose',
      site: ['札幌'],
      process: [],
      notFrom: ['盛岡'],
    });
    expect(read('札幌の遅れを何とかしたい。盛岡からは出さないで')).toMatchObject({ site: ['札幌'], notFrom: ['盛岡'] });
    expect(read('盛岡以外から札幌のエントリ1に人を回して')).toMatchObject({ site: ['札幌'], notFrom: ['盛岡'] });
    expect(read('Send help to Sapporo entry 1, except Morioka')).toMatchObject({ site: ['札幌'], notFrom: ['盛岡'] });
  });

  it('a site named as a source or a target is not excluded', () => {
    expect(read('盛岡から3人札幌のエントリ1に回したら間に合う？').notFrom).toEqual([]);
    expect(read('Is Morioka late?').notFrom).toEqual([]);
  });
});

describe('who to send from one site to another', () => {
  const read = (q: string) => parseQuery(q, find(q)).query;
  it('「盛岡から札幌に応援出すなら誰？」 and "who should we send from Osaka to Sapporo?" propose for the target, from the source only', () => {
    expect(read('盛岡から札幌に応援出すなら誰？')).toMatchObject({ op: 'propose', site: ['札幌'], from: ['盛岡'] });
    expect(read('Who should we send from Osaka to Sapporo?')).toMatchObject({ op: 'propose', site: ['札幌'], from: ['大阪'] });
    expect(read('Who could Osaka send to Sapporo Entry 1?')).toMatchObject({ op: 'propose', site: ['札幌'], process: ['エントリ1'], from: ['大阪'] });
  });
  it('without who, two sites are not a proposal: a rule asked, a comparison, a what-if keep their readings', () => {
    expect(read('盛岡から札幌に応援出すのってアリ？').from).toEqual([]);
    expect(read('札幌から見て大阪はどう？')).toMatchObject({ op: 'compare', from: [] });
    expect(read('What if Osaka sends 2 people to Sapporo?').move).toMatchObject({ count: 2, from: '大阪', to: '札幌' });
  });
});

describe('a count of people given as an instruction, and people left out by name', () => {
  const read = (q: string) => parseQuery(q, find(q)).query;
  it('「盛岡から3人回して」 and "move 2 people from Osaka to Sapporo Entry 1" propose exactly that many from there', () => {
    expect(read('札幌のエントリ1に盛岡から3人回して')).toMatchObject({ op: 'propose', site: ['札幌'], from: ['盛岡'], move: { count: 3, from: '盛岡' } });
    expect(read('Move 2 people from Osaka to Sapporo Entry 1.')).toMatchObject({
      op: 'propose',
      site: ['札幌'],
      process: ['エントリ1'],
      from: ['大阪'],
      move: { count: 2, from: '大阪', to: '札幌' },
    });
    // Supposed («足せば», «いける？») it stays a what-if; a proposal with no count has no move.
    expect(read('盛岡から1人だけ札幌のエントリ1に足せば enough?')).toMatchObject({ op: 'whatif', move: { count: 1 } });
    expect(read('札幌のエントリ1に応援を回して').move).toBeNull();
  });
  it('「坂本さんは外して」 leaves out every 坂本; a family name alone asked about is no exclusion', () => {
    expect(read('札幌のエントリ1に盛岡から3人回して。坂本さんは外して').notWho).toEqual(['坂本']);
    expect(read('坂本さんのスキルは？').notWho).toEqual([]);
  });

  it('people asked to be shown, ranked or looked at are no move, and neither is a permission asked', () => {
    for (const q of [
      'Give me the top 3 people by speed',
      'Take a look at the 2 people absent in 大阪',
      '残業の多い5人を出して',
      '盛岡から3人札幌に回していい？',
    ]) {
      expect(read(q).op, q).not.toBe('propose');
      expect(read(q).move, q).toBeNull();
    }
    // A person named with an instruction is who moves: no proposal of Genba's choosing stands for it.
    expect(read('小林さんを札幌に回して').move).toBeNull();
  });
});
