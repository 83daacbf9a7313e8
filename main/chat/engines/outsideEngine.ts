import { helpAnswer } from '../answerTexts.js';
import type { Engine } from './askContext.js';

/** A request about nothing Genba holds (the weather, a taxi, payroll): what Genba can do, and nothing computed or stored. */
export const outsideEngine: Engine = async (_q, c) => ({ text: helpAnswer(c.tz) });
