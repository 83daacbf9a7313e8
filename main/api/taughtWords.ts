import type { MeasureId } from './askQuery.js';

/**
 * A word a manager taught Genba for the company (「物量は到着件数のこと」, "intake means arrivals"): from then on it
 * speaks for its measure in a question as the measure's own words do (main/chat/query/measures.ts), for the rules and
 * in the intent model's prompt. Kept in the store (`taught_words`), listed and removable (`genba words`, `words.*`).
 */
export interface TaughtWord {
  /** As the manager wrote it. */
  word: string;
  /** As a question is compared with it: width and case folded, katakana as hiragana (chat/foldForCues.ts). */
  folded: string;
  /** The measure it means. */
  measure: MeasureId;
}

/** The longest word that can be taught: a word or a short phrase, never a sentence. */
export const MAX_TAUGHT_WORD_CHARS = 30;
