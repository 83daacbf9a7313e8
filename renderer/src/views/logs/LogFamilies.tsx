import type { LogCluster } from '../../../../main/api/types';
import { onActivateKey } from '../../components/onActivateKey';
import { useT } from '../../i18n/useT';
import { Sparkline } from './Sparkline';

/** The log families (similar messages): picking one narrows the templates and the scatter; picking it again, or the link, shows all. */
export function LogFamilies({ families, picked, onPick }: { families: LogCluster[]; picked: number | null; onPick: (id: number | null) => void }) {
  const t = useT();
  const toggle = (id: number): void => onPick(picked === id ? null : id);
  return (
    <section className="panel" data-testid="log-families">
      <h2>{t('logs.families')}</h2>
      <table className="families">
        <thead>
          <tr>
            <th>{t('logs.cluster')}</th>
            <th className="num">{t('logs.familyTemplates')}</th>
            <th className="num">{t('logs.count')}</th>
            <th>{t('logs.trend')}</th>
          </tr>
        </thead>
        <tbody>
          {families.map((f) => (
            <tr
              key={f.id}
              className={picked === f.id ? 'selected' : ''}
              tabIndex={0}
              aria-selected={picked === f.id}
              onClick={() => toggle(f.id)}
              onKeyDown={onActivateKey(() => toggle(f.id))}
              data-testid={`log-family-${f.id}`}
            >
              <td>{f.label}</td>
              <td className="num">{f.templates.length.toLocaleString()}</td>
              <td className="num">{f.lines.toLocaleString()}</td>
              <td>
                <Sparkline values={f.trend} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {picked !== null && (
        <button type="button" className="link" onClick={() => onPick(null)} data-testid="log-family-clear">
          {t('logs.familyClear', { label: families.find((f) => f.id === picked)?.label ?? '—' })}
        </button>
      )}
    </section>
  );
}
