import { describe, expect, it } from 'vitest';
import { foldForCues } from '../../../../main/chat/foldForCues.js';
import { workChangeOf } from '../../../../main/chat/query/workChangeOf.js';

const read = (q: string) => workChangeOf(foldForCues(q));

describe('workChangeOf: a what-if on the work itself', () => {
  it('reads items added now, in Japanese and English, never a number of people or of items left', () => {
    expect(read('札幌のエントリ1に500件増えたら間に合う？')).toEqual({ items: 500 });
    expect(read('+300件来たら')).toEqual({ items: 300 });
    expect(read('あと1,200件入荷したら？')).toEqual({ items: 1200 });
    expect(read('if another 500 medical claims land on sapporo entry 1 now?')).toEqual({ items: 500 });
    expect(read('what if 200 more items come to osaka entry 2')).toEqual({ items: 200 });
    // Items left, a number of people, a time: none is work added.
    expect(read('あと500件なら間に合う？')).toBeNull();
    expect(read('120件くらい残ってたら')).toBeNull();
    expect(read('if another 2 people come in')).toBeNull();
  });

  it('reads a stop and its length (an hour, minutes), or the rest of the day when no length is said after «from now on»', () => {
    expect(read('佐世保が今から1時間止まったら？')).toEqual({ stopMinutes: 60 });
    expect(read('ocrが30分ストップしたら札幌は？')).toEqual({ stopMinutes: 30 });
    expect(read('osaka verification on medical stops for 30 min — still ok for 5pm?')).toEqual({ stopMinutes: 30 });
    expect(read('what if the db is down for an hour')).toEqual({ stopMinutes: 60 });
    expect(read('a 2-hour outage at sasebo')).toEqual({ stopMinutes: 120 });
    expect(read('品川 が今日この後止まったら影響ある？')).toEqual({ stopMinutes: null });
    // A time of day is no length, and slowing down is no stop.
    expect(read('15時40分に止まったら')).toBeNull();
    expect(read('札幌 slowed down for 30 min')).toBeNull();
  });
});
