import type { Engine } from './askContext.js';

/** The company's rules and know-how (「経験3か月の人を応援に出してもいい？」): the stored rules that match, cited. */
export const knowhowEngine: Engine = async (q) => ({ text: '', knowhow: [...q.site, ...q.process], showKnowhow: true });
