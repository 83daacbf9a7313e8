import type { FamilyLines, LogCluster } from '../../../../main/api/types';
import { onActivateKey } from '../../components/onActivateKey';
import { useT } from '../../i18n/useT';
import { Sparkline } from './Sparkline';
import { countFigure } from '../../../../main/api/figures';

/** What the families panel narrows to: one family, or the templates of none. */
export type FamilyPick = number | 'outside';

/** Whether a template of this family (null: none) is among the picked lines (null: all). */
export const inPick = (clusterId: number | null, picked: FamilyPick | null): boolean =>
  picked === null || (picked === 'outside' ? clusterId === null : clusterId === picked);

/**
 * The log families (similar messages) with lines in the view's period: their lines, templates and
 * trend are those of the period and the narrowing (`period` says which), then the lines of
 * templates in no family, so that the rows add up to every line shown. Picking one narrows the
 * templates and the scatter; picking it again, or the link, shows all.
 */
export function LogFamilies({
  families,
  outside,
  picked,
  onPick,
  period,
}: {
  families: LogCluster[];
  outside: FamilyLines;
  picked: FamilyPick | null;
  onPick: (id: FamilyPick | null) => void;
  period: string;
}) {
  const t = useT();
  const toggle = (id: FamilyPick): void => onPick(picked === id ? null : id);
  const rows: (FamilyLines & { id: FamilyPick; label: string })[] = [
    ...families,
    ...(outside.lines > 0 ? [{ ...outside, id: 'outside' as const, label: t('logs.outsideFamilies') }] : []),
  ];
  return (
    <section className="panel" data-testid="log-families">
      <h2>{t('logs.families')}</h2>
      <table className="families">
        <thead>
          <tr>
            <th>{t('logs.cluster')}</th>
            <th className="num">{t('logs.familyTemplates', { period })}</th>
            <th className="num">{t('logs.count', { period })}</th>
            <th>{t('logs.trend', { period })}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((f) => (
            <tr
              key={f.id}
              className={picked === f.id ? 'selected' : ''}
              tabIndex={0}
              aria-selected={picked === f.id}
              onClick={() => toggle(f.id)}
              onKeyDown={onActivateKey(() => toggle(f.id))}
              data-testid={`log-family-${f.id}`}
            >
              <td data-testid="log-family-label" className={f.id === 'outside' ? 'muted' : undefined}>
                {f.label}
              </td>
              <td className="num">{countFigure(f.templates.length)}</td>
              <td className="num" data-testid="log-family-lines">
                {countFigure(f.lines)}
              </td>
              <td>
                <Sparkline values={f.trend} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="muted">{t('logs.noFamilies', { period })}</p>}
      {picked !== null && (
        <button type="button" className="link" onClick={() => onPick(null)} data-testid="log-family-clear">
          {t('logs.familyClear', { label: rows.find((f) => f.id === picked)?.label ?? '—' })}
        </button>
      )}
    </section>
  );
}
