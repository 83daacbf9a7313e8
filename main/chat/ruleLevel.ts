import type { Citation } from '../api/assistantTypes.js';
import { localize, type Lang } from '../api/localized.js';

/** A kind of work a company rule ties to a skill level, as a question named it. */
export interface RuleLevel {
  /** The question's words the rule's sentence holds. */
  words: string[];
  level: number;
  /** The rule's sentence and the document it is in, in the language it was found in. */
  sentence: string;
  title: string;
}

const LEVEL = /レベル\s*(\d)\s*以上|level (\d) or (?:above|higher|more)/i;

/**
 * The skill level a company rule sets for work the question names in words no query field holds («最終確認», "final
 * check"): 「検証工程はスキルレベル4以上の担当者が最終確認を行う」 makes «最終確認できる人» people at level 4 or above. Only a
 * sentence holding every such word and a level counts; null when none does, and the words stay unread.
 */
export async function ruleLevel(search: (query: string, k: number) => Promise<Citation[]>, words: readonly string[], lang: Lang): Promise<RuleLevel | null> {
  if (words.length === 0) return null;
  // Wide: an English question's words rank the rules by their English text poorly, and the sentence test below is strict.
  for (const c of await search(words.join(' '), 12)) {
    for (const [text, title] of [
      [c.text, c.title],
      [c.textEn ?? '', c.titleEn ?? c.title],
    ] as const) {
      for (const sentence of text.split(/(?<=[。.!?！？])\s*|\n+/)) {
        const m = LEVEL.exec(sentence);
        const folded = sentence.normalize('NFKC').toLowerCase();
        // A Latin word counts whole («th» is not in «the»); a Japanese one anywhere, as Japanese has no spaces.
        const holds = (w: string): boolean => {
          const f = w.normalize('NFKC').toLowerCase();
          return /^[a-z]/.test(f) ? new RegExp(`\\b${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(folded) : folded.includes(f);
        };
        if (m && words.every(holds))
          return { words: [...words], level: Number(m[1] ?? m[2]), sentence: sentence.trim(), title: localize(lang, { ja: c.title, en: title }) };
      }
    }
  }
  return null;
}

export const RULE_LEVEL_TEXT = {
  ja: (r: RuleLevel) => `会社のルール（${r.title}）で「${r.sentence}」とされているため、スキル${r.level}以上で数えました。`,
  en: (r: RuleLevel) => `Counted at skill level ${r.level} or above: the company's rule (${r.title}) says "${r.sentence}"`,
};
