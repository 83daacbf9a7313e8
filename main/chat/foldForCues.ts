/** Width and case folded, katakana as hiragana (アラート and あらーと meet), spaces kept single: how cue words and requests meet. */
export function foldForCues(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(/\s+/g, ' ')
    .trim();
}
