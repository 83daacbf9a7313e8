import { useCallback } from 'react';
import { useAppStore } from '../store/appStore';
import { inLatin } from '../../../main/api/latinNames';

/**
 * A proper name as the manager's language writes it: the company's own name on Japanese
 * screens; on English screens its romanization (札幌 → Sapporo, 高山 麻由子 → Takayama Mayuko),
 * made from its reading (main/api/latinNames.ts). A name without a reading yet, or already in
 * Latin letters (SS), is shown as it is. The name itself stays the key for every request.
 */
export function useName(): (name: string) => string {
  const lang = useAppStore((s) => s.lang);
  const latin = useAppStore((s) => s.latinNames);
  return useCallback((name: string) => (lang === 'en' ? (latin[name] ?? name) : name), [lang, latin]);
}

/** A text the core wrote in the manager's language, with the names in it as useName writes them (an English reason, a note). */
export function useNamesInText(): (text: string) => string {
  const lang = useAppStore((s) => s.lang);
  const latin = useAppStore((s) => s.latinNames);
  return useCallback((text: string) => (lang === 'en' ? inLatin(text, latin) : text), [lang, latin]);
}

/** A know-how document's title as the screen shows it: the English title of one Genba ships, on English screens. */
export function useDocTitle(): (doc: { title: string; titleEn?: string }) => string {
  const lang = useAppStore((s) => s.lang);
  return useCallback((doc: { title: string; titleEn?: string }) => (lang === 'en' ? (doc.titleEn ?? doc.title) : doc.title), [lang]);
}

/** A cited section as the screen's language reads it: the English Genba ships for its own documents, the company's own as written. */
export function useSectionText(): (c: { heading: string | null; headingEn?: string; text: string; textEn?: string }) => {
  heading: string | null;
  text: string;
} {
  const lang = useAppStore((s) => s.lang);
  return useCallback(
    (c: { heading: string | null; headingEn?: string; text: string; textEn?: string }) =>
      lang === 'en' ? { heading: c.headingEn ?? c.heading, text: c.textEn ?? c.text } : { heading: c.heading, text: c.text },
    [lang],
  );
}

/** A business by its id as the screens name it (the overview's names, in Latin letters on English screens): 札幌 has two エントリ1. */
export function useBusinessName(): (businessId: string) => string {
  const name = useName();
  const names = useAppStore((s) => s.overview?.businessNames);
  return useCallback((businessId: string) => name(names?.[businessId] ?? businessId), [name, names]);
}
