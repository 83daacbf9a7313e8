import type { FloorDecision } from '../../../main/api/floorDecision';
import { useT } from '../i18n/useT';
import { formatSpeed, formatTime } from '../views/overview/format';

/**
 * A decided move where its problem is shown (the overview's row, the alert, the approvals
 * list): who decided when, how many moved and the finish it promised; once the snapshots since
 * the move can say, the promised speed and finish beside the measured ones, and whether it is
 * working. One component so that every view says it the same way.
 */
export function DecisionNote({ d, timeZone, head = true }: { d: FloorDecision; timeZone: string; head?: boolean }) {
  const t = useT();
  const time = (ms: number | null): string => formatTime(ms, timeZone, d.decidedAt);
  return (
    <div className={`decision-note verdict-${d.verdict}`} data-testid="decision-note" data-verdict={d.verdict}>
      {/* The approvals list has its own columns for who, when and how many. */}
      {head && (
        <>
          <span className="badge decided" data-testid="decision-head">
            {t(d.action === 'modified' ? 'decision.modified' : 'decision.approved', { time: time(d.decidedAt) })}
          </span>{' '}
          <span data-testid="decision-moved">{t('decision.moved', { n: d.moved })}</span>
          {' · '}
        </>
      )}
      <span data-testid="decision-promised">{t('decision.promised', { speed: formatSpeed(d.promised.perMinute), time: time(d.promised.finish) })}</span>
      {d.actual === null ? (
        <span className="muted" data-testid="decision-measuring">
          {' · '}
          {t('decision.measuring', { time: time(d.startsAt) })}
        </span>
      ) : (
        <>
          {' → '}
          <strong data-testid="decision-actual">
            {t(d.actual.finished ? 'decision.actualDone' : 'decision.actual', { speed: formatSpeed(d.actual.perMinute), time: time(d.actual.finish) })}
          </strong>{' '}
          <span className={`chip verdict-${d.verdict}`} data-testid="decision-verdict">
            {t(d.verdict === 'short' ? 'decision.short' : 'decision.working')}
          </span>
        </>
      )}
    </div>
  );
}
