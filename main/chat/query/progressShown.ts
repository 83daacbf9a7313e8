import type { MeasureId } from '../../api/askQuery.js';
import { joinNames, localize, type Lang } from '../../api/localized.js';
import type { ProcessProgress } from '../../api/types.js';
import { formatHm } from '../../config/zonedTime.js';
import { PROGRESS_TEXTS as T } from './progressTexts.js';

/** The measures that mean nothing for finished work: in their place, when it finished. */
const OF_OPEN_WORK = new Set<MeasureId>(['speed', 'needed_speed', 'finish', 'slack']);

/**
 * How a progress figure of a group of series reads where the plain figure would mislead: finished work says when it
 * finished (not 0 items a minute), and a slack over many series says how many are late out of how many, naming the
 * latest (never "everything: 4 min late" when one of 52 is). Null: the plain figure says it.
 */
export function progressShown(
  m: MeasureId,
  g: readonly ProcessProgress[],
  o: { lang: Lang; timeZone: string; name: (businessId: string) => string },
): { shown: string; finishedAt?: number } | null {
  if (g.length === 0) return null;
  const hm = (t: number): string => formatHm(t, o.timeZone);
  if (OF_OPEN_WORK.has(m) && g.every((p) => p.status === 'done')) {
    const at = Math.max(...g.map((p) => p.finishedAt ?? p.snapshotTime));
    return {
      shown: g.length > 1 && m === 'slack' ? localize(o.lang, T.allFinished)(g.length, hm(at)) : localize(o.lang, T.finishedAt)(hm(at)),
      finishedAt: at,
    };
  }
  if (m !== 'slack' || g.length < 2) return null;
  const late = g.filter((p) => p.minutesLate !== null && p.minutesLate > 0).sort((a, b) => b.minutesLate! - a.minutesLate!);
  if (late.length > 0) {
    const w = late[0]!;
    return { shown: localize(o.lang, T.lateOf)(late.length, g.length, `${w.site} ${w.process} ${o.name(w.businessId)}`, w.minutesLate!) };
  }
  const open = g.filter((p) => p.minutesLate !== null);
  if (open.length === 0) return null;
  return { shown: localize(o.lang, T.noneLate)(g.length, open.length, Math.min(...open.map((p) => -p.minutesLate!))) };
}

/** The finished groups a ranking of speeds left out, in words ('' when none). */
export function finishedLeftOut(rows: readonly { key: string; value: number | null; finishedAt?: number }[], lang: Lang): string {
  const out = rows.filter((r) => r.value === null && r.finishedAt !== undefined);
  return out.length === 0
    ? ''
    : localize(lang, T.finishedLeftOut)(
        out.length,
        joinNames(
          lang,
          out.map((r) => r.key),
        ),
      );
}
