import { useCallback } from 'react';
import { dayFigure } from '../../../main/api/figures';
import { useAppStore } from '../store/appStore';

/** A local date (YYYY-MM-DD) as every screen and answer writes it: 「10/24（金）」, "Fri 10/24" (declared once, in figures.ts). */
export function useDayName(): (date: string) => string {
  const lang = useAppStore((s) => s.lang);
  return useCallback((d: string) => dayFigure(d, lang), [lang]);
}
