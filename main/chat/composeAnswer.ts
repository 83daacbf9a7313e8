import type { Citation } from '../api/assistantTypes.js';
import type { Lang } from '../api/types.js';
import type { LlmService } from '../ai/llmService.js';
import { describeError } from '../errors.js';
import type { AppLog } from '../applog/appLog.js';
import { answerInstructions } from './answerTexts.js';
import { checkNumbers } from './numericGuard.js';

/** Text from documents and requests is data: fenced, and its fence markers removed from it. */
const fence = (tag: string, text: string): string => `<${tag}>\n${text.replace(new RegExp(`</?${tag}>`, 'gi'), '')}\n</${tag}>`;

export function answerPrompt(o: { question: string; facts: string; citations: Citation[]; lang: Lang }): string {
  const { role, rules } = answerInstructions[o.lang];
  return [
    role,
    rules,
    fence('facts', o.facts),
    fence('knowhow', o.citations.map((c) => `[${c.title}] ${c.text}`).join('\n')),
    fence('request', o.question),
  ].join('\n\n');
}

/**
 * The answer model explains, streaming. If it fails, or writes a number that is not
 * among the facts, the templated answer is returned instead (and says so in `source`).
 */
export async function composeAnswer(o: {
  llm: LlmService;
  log: AppLog;
  question: string;
  facts: string;
  citations: Citation[];
  template: string;
  lang: Lang;
  onChunk?: (text: string) => void;
  signal?: AbortSignal;
}): Promise<{ text: string; source: 'model' | 'template' | 'template_guarded' }> {
  try {
    // Greedy and with no timer (llmService.ts): the same facts give the same answer; the manager's stop ends it.
    const out = await o.llm.generate('answer', answerPrompt(o), { maxTokens: 320, temperature: 0, timeoutMs: null, onChunk: o.onChunk, signal: o.signal });
    const text = out.text.trim();
    if (!text) return { text: o.template, source: 'template' };
    const guard = checkNumbers(text, `${o.facts}\n${o.question}`);
    if (!guard.ok) {
      o.log.warn('answer replaced: numbers not among the facts', guard.unknown.slice(0, 10).join(', '));
      return { text: o.template, source: 'template_guarded' };
    }
    return { text, source: 'model' };
  } catch (error) {
    o.log.warn('answer model failed; templated answer used', describeError(error));
    return { text: o.template, source: 'template' };
  }
}
