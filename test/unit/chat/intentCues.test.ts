import { describe, expect, it } from 'vitest';
import { INTENT_TYPES } from '../../../main/api/assistantTypes.js';
import { foldForCues, rankIntents } from '../../../main/chat/intentClassifier.js';
import { INTENT_CUES } from '../../../main/chat/intentCues.js';

describe('intent cues', () => {
  it('are each written once: no two cues of an intent fold to the same string (both would count)', () => {
    const twice = INTENT_TYPES.flatMap((intent) => {
      const cues = INTENT_CUES[intent].map(([cue]) => cue);
      const folded = cues.map(foldForCues);
      return cues.flatMap((cue, i) => (folded.indexOf(folded[i]!) === i ? [] : [`${intent}: ${cue} folds like ${cues[folded.indexOf(folded[i]!)]}`]));
    });
    expect(twice).toEqual([]);
  });

  it('find a cue written in katakana in a request typed in hiragana, and the reverse, with the same evidence', () => {
    const p = (q: string) => rankIntents(q).ranked.find((r) => r.intent === 'log_investigation')!.p;
    expect(p('ろぐをみせて')).toBeCloseTo(p('ログをみせて'), 10);
    expect(p('あらーとのしきいち')).toBeGreaterThan(0);
  });
});
