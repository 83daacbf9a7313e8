import { useAppStore } from '../store/appStore';
import { translate, type MessageKey } from './messages';

/** The translation function for the current language. */
export function useT(): (key: MessageKey, vars?: Record<string, string | number>) => string {
  const lang = useAppStore((s) => s.lang);
  return (key, vars) => translate(lang, key, vars);
}
