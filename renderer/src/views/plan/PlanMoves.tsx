import { useMemo } from 'react';
import type { StoredPlan } from '../../../../main/api/planTypes';
import { useName } from '../../i18n/useName';
import { useT } from '../../i18n/useT';

/** The plan's cross-site moves as moves: who, from their site to which, which half day, on what; mornings first. */
export function PlanMoves({ plan }: { plan: StoredPlan }) {
  const t = useT();
  const name = useName();
  const moves = useMemo(
    () =>
      plan.lines
        .filter((l) => l.crossSite)
        .sort((a, b) => a.block.localeCompare(b.block) || a.homeSite.localeCompare(b.homeSite) || a.operatorId - b.operatorId),
    [plan],
  );
  const businessOf = (site: string, businessId: string): string =>
    plan.demands.find((d) => d.site === site && d.businessId === businessId)?.businessName ?? businessId;
  return (
    <section className="plan-moves" aria-label={t('plan.moves', { n: moves.length })} data-testid="plan-moves">
      {moves.length === 0 ? (
        <p className="muted">{t('plan.noMoves')}</p>
      ) : (
        <>
          <h2>{t('plan.moves', { n: moves.length })}</h2>
          <ul>
            {moves.map((l) => (
              <li key={`${l.operatorId}|${l.block}`} data-testid="plan-move">
                {t('plan.move', {
                  name: name(l.name),
                  from: name(l.homeSite),
                  to: name(l.site),
                  block: t(`plan.${l.block}`),
                  work: `${name(businessOf(l.site, l.businessId))} ${name(l.process)}`,
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
