/**
 * The one way the core holds text a person reads: one entry per language, keyed by `Lang`.
 * Adding a language to `Lang` makes the compiler point at every text that lacks it; nothing
 * falls back to another language in silence. A text that composes figures is a function
 * (`Localized<(f: Facts) => string>`), kept in the text module next to the engine that
 * computes the figures. Plain data: the renderer may import it at run time.
 */

/** Languages the manager can choose; every user-facing message exists in each. */
export type Lang = 'ja' | 'en';

/** Every `Lang`, Japanese first (the default). */
export const LANGS = ['ja', 'en'] as const satisfies readonly Lang[];

/** A text (or anything worded: a function, a table) in every language. */
export type Localized<T = string> = Record<Lang, T>;

/** The entry of `texts` for `lang`. */
export function localize<T>(lang: Lang, texts: Localized<T>): T {
  return texts[lang];
}

/** Whether a value (a command-line option, a stored setting) names a language. */
export function isLang(value: unknown): value is Lang {
  return (LANGS as readonly unknown[]).includes(value);
}

/** Names listed in a sentence: 「札幌・大阪」, "Sapporo, Osaka". */
export function joinNames(lang: Lang, names: readonly string[]): string {
  return names.join(localize(lang, { ja: '・', en: ', ' }));
}
