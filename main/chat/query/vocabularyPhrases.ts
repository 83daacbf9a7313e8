import { foldForCues } from '../foldForCues.js';
import { MEASURES } from './measures.js';
import { OP_CUES } from './opCues.js';

let phrases: string[] | null = null;
/**
 * The vocabulary's words and phrases (operations' cues, measures' words), folded as questions are, declared where they
 * are (opCues.ts, measures.ts) and gathered once: a word among them was understood (wordsAccounted.ts), and a Latin word
 * one letter off one of them is its typo (typoWords.ts).
 */
export const vocabularyPhrases = (): readonly string[] =>
  (phrases ??= [
    ...Object.values(OP_CUES).flatMap((cues) => cues.map(([cue]) => foldForCues(cue).trim())),
    ...Object.values(MEASURES).flatMap((m) => m.words.map((w) => foldForCues(w))),
  ].filter((w) => w.length >= 2));
