import type { BusinessName } from '../api/types.js';

/**
 * Name → business id for every name in force (from the store: the manager's, or the data
 * source's), `<name>業務` and its English name (an English question reads "medical claims"), with the configured `placement.aliases` over them.
 */
export function businessAliases(names: readonly BusinessName[], configured: Record<string, string>, o: { shortForms?: boolean } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const b of names) {
    if (b.name === null) continue;
    for (const n of [b.name, `${b.name}業務`, ...b.aliases, ...(b.nameEn ? [b.nameEn] : [])]) out[n] = b.id;
  }
  return { ...(o.shortForms === false ? {} : shortForms(names, out)), ...out, ...configured };
}

/**
 * The first word of a business's English name of several words, as an English question shortens it ("Sapporo's medical"
 * for "Medical claims"): only where no other business's English name starts with it and no name or alias is that word.
 * The last word is the kind of work («claims», «survey»), which a question uses for the work in general.
 */
function shortForms(names: readonly BusinessName[], full: Record<string, string>): Record<string, string> {
  const fold = (w: string): string => w.normalize('NFKC').toLowerCase();
  const taken = new Set(Object.keys(full).map(fold));
  const first = names.flatMap((b) => {
    const words = (b.nameEn ?? '').trim().split(/\s+/);
    return b.name !== null && words.length >= 2 && words[0]!.length >= 4 ? [{ word: fold(words[0]!), id: b.id }] : [];
  });
  return Object.fromEntries(first.filter((f) => !taken.has(f.word) && first.filter((g) => g.word === f.word).length === 1).map((f) => [f.word, f.id]));
}
