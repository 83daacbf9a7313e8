import type { Citation } from '../api/assistantTypes.js';

/** Japanese script: a passage written in it is not quoted in an English answer. */
const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * How an English answer names a know-how document: by the English title Genba ships with it
 * (titleEn), else, for the company's own, as "a document in Japanese: <title>" with the title
 * as the company wrote it. A title in English already is its own.
 */
export function englishTitle(c: Pick<Citation, 'title' | 'titleEn'>): string {
  if (c.titleEn) return c.titleEn;
  return JAPANESE.test(c.title) ? `a document in Japanese: ${c.title}` : c.title;
}

/**
 * The passages an English answer quotes: one written in English, or a section of a document Genba ships (which has
 * its English version), is quoted under its title; a Japanese one of the company's own is cited by its document's title only, never by its Japanese
 * body or heading (the manager opens it in the Know-how view). One line per document.
 */
export function englishKnowhow(citations: readonly Citation[]): string {
  // A section of a document Genba ships has its English version: quoted as the Japanese one is in a Japanese answer.
  const inEnglish = (c: Citation): boolean => c.textEn !== undefined || !JAPANESE.test(c.text);
  const japanese = [...new Set(citations.filter((c) => !inEnglish(c)).map(englishTitle))];
  const english = citations
    .filter(inEnglish)
    .map((c) =>
      c.textEn !== undefined ? `"${englishTitle(c)} / ${c.headingEn}"\n${c.textEn}` : `"${englishTitle(c)}${c.heading ? ` / ${c.heading}` : ''}"\n${c.text}`,
    );
  const cited =
    japanese.length === 0 ? [] : [`Related know-how, written in Japanese (open it in the Know-how view):`, ...japanese.map((t) => `- ${t}`)].join('\n');
  return [...english, ...(cited.length > 0 ? [cited] : [])].join('\n\n');
}
