import type { Localized } from '../api/localized.js';
import type { FloorDecision } from '../api/floorDecision.js';
import type { ProcessProgress } from '../api/types.js';
import { formatHm } from '../config/zonedTime.js';

/** A late process with a move decided: 「札幌 エントリ1（SS）: 15:40に3名の応援を承認済み・完了見込み 15:58（納期 16:00）」. */
export function decisionTitle(p: ProcessProgress, d: FloorDecision, business: Localized, timeZone: string): Localized {
  const hm = (t: number | null): string => (t === null ? '—' : formatHm(t, timeZone));
  const finish = d.actual?.finish ?? d.promised.finish;
  const measured = d.actual !== null;
  return {
    ja: `${p.site} ${p.process}（${business.ja}）: ${hm(d.decidedAt)}に${d.moved}名の応援を承認済み・${measured ? '実績からの' : ''}完了見込み ${hm(finish)}（納期 ${hm(d.deadline)}）`,
    en: `${p.site} ${p.process} (${business.en}): ${d.moved} ${d.moved === 1 ? 'person' : 'people'} moved in, approved ${hm(d.decidedAt)}; ${measured ? 'finish at the measured speed' : 'expected finish'} ${hm(finish)} (deadline ${hm(d.deadline)})`,
  };
}
