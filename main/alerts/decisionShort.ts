import type { FloorDecision } from '../api/floorDecision.js';
import { formatHm } from '../config/zonedTime.js';
import type { AlertCandidate, RuleInputs } from './alertCandidate.js';
import { businessLabel } from '../api/businessLabel.js';
import { lineFixReading } from '../api/consultReading.js';
import { speedFigure } from '../api/figures.js';

/**
 * A move decided today that is not doing what it promised: since the moved people started,
 * the work is finishing later than both the promise and the deadline (floorDecisions.ts's
 * verdict). It raises its own alert, with the promise and the measured speed side by side,
 * and asks the chat again; it resolves when the work catches up or is done. Read from the
 * fresh overview's rows only: stale data says nothing about a decision's effect.
 */
export function decisionShort(i: RuleInputs): AlertCandidate[] {
  const fresh = i.overview.dataAsOf !== null && i.now - i.overview.dataAsOf <= i.config.staleMinutes * 60_000;
  if (!fresh) return [];
  const hm = (t: number | null): string => (t === null ? '—' : formatHm(t, i.timeZone));
  return i.overview.sites
    .flatMap((s) => s.processes)
    .flatMap((p) => (p.decision?.verdict === 'short' && p.decision.actual !== null ? [{ p, d: p.decision, a: p.decision.actual }] : []))
    .map(({ p, d, a }): AlertCandidate => {
      const business = businessLabel(i.overview.businessNames, p.businessId);
      const speed = speedFigure;
      const finish = a.finish === null ? { ja: '今日中に終わらない', en: 'not today' } : { ja: hm(a.finish), en: hm(a.finish) };
      return {
        key: `decision_short|${d.suggestionId}`,
        kind: 'decision_short',
        severity: 'critical',
        site: p.site,
        process: p.process,
        title: {
          ja: `${p.site} ${p.process}（${business.ja}）: ${hm(d.decidedAt)}に承認した${d.moved}名の応援で遅れが取り戻せていません（約束 毎分${speed(d.promised.perMinute)}件 → 実績 毎分${speed(a.perMinute)}件、完了見込み ${finish.ja}、納期 ${hm(d.deadline)}）`,
          en: `${p.site} ${p.process} (${business.en}): the ${d.moved} ${d.moved === 1 ? 'person' : 'people'} moved in at ${hm(d.decidedAt)} have not closed the gap (promised ${speed(d.promised.perMinute)} → actual ${speed(a.perMinute)} items/min, finish ${finish.en}, deadline ${hm(d.deadline)})`,
        },
        detail: { businessId: p.businessId, remaining: p.remaining, deadline: d.deadline, decision: d satisfies FloorDecision },
        dataAsOf: a.to,
        request: {
          text: {
            ja: `${p.site}の${p.process}工程が遅延しています（${business.ja}、${hm(d.decidedAt)}の応援のあとも完了見込み ${finish.ja}、納期${hm(d.deadline)}、残り${p.remaining}件）`,
            en: `${p.site} ${p.process} is still behind schedule after the move at ${hm(d.decidedAt)} (${business.en}, finish ${finish.en}, deadline ${hm(d.deadline)}, ${p.remaining} left)`,
          },
          reading: lineFixReading(p),
        },
      };
    });
}
