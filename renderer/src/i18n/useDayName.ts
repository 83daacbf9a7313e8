import { useCallback } from 'react';
import { useAppStore } from '../store/appStore';
import { translate } from './messages';

/** A local date (YYYY-MM-DD) as a manager reads it: 「10/24（金）」, "Fri 10/24". The Plan and Approvals views share it. */
export function useDayName(): (date: string) => string {
  const lang = useAppStore((s) => s.lang);
  return useCallback(
    (d: string) =>
      translate(lang, 'plan.day', {
        md: `${Number(d.slice(5, 7))}/${Number(d.slice(8, 10))}`,
        dow: new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`)),
      }),
    [lang],
  );
}
