import { describe, expect, it } from 'vitest';
import { checkNumbers, numbersIn } from '../../../main/chat/numericGuard.js';

const FACTS =
  '札幌 エントリ1（SS）は残り120件、納期16:00まで20分です。現在の速度は毎分5件、必要な速度は毎分6.1件。3名の移動で完了見込みは15:57（納期の2分前）です。';

describe('numeric guard', () => {
  it('reads numbers as written, in any width, times as their parts', () => {
    expect(numbersIn('残り１２０件、16:00、毎分6.1件、1,234件')).toEqual(['120', '16', '0', '6.1', '1234']);
  });

  it('lets an answer through when every number is a computed fact', () => {
    expect(checkNumbers('残り120件を16:00までに終えるため、3名を移動すると15:57に完了し、納期の2分前です。', FACTS)).toEqual({ ok: true, unknown: [] });
  });

  it('catches an invented number, whatever its form', () => {
    expect(checkNumbers('5名を移動すれば30分の遅延を解消できます。', FACTS)).toEqual({ ok: false, unknown: ['30'] });
    expect(checkNumbers('生産性が２５％向上します。', FACTS).unknown).toEqual(['25']);
    expect(checkNumbers('毎分6.5件になります。', FACTS).unknown).toEqual(['6.5']);
  });
});
