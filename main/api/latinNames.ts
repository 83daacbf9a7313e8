/**
 * Proper names in Latin letters, for English screens and texts: the company's Japanese name
 * → its romanization (札幌 → Sapporo, エントリ1 → Entori 1, 高山 麻由子 → Takayama Mayuko).
 * Made from the names' readings (chat/nameReadings.ts); a name without one is not here and
 * stays as the company wrote it. The names themselves remain the keys of every request.
 */
export type LatinNames = Readonly<Record<string, string>>;

/**
 * An English text with the company's names in it, each written in Latin letters. The longest
 * name is replaced first, so 札幌第2 is not read as 札幌 followed by 第2.
 */
export function inLatin(text: string, names: LatinNames): string {
  const keys = Object.keys(names).filter((k) => k.length > 0 && text.includes(k));
  if (keys.length === 0) return text;
  keys.sort((a, b) => b.length - a.length);
  const escaped = keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return text.replace(new RegExp(escaped.join('|'), 'g'), (m) => names[m] ?? m);
}
