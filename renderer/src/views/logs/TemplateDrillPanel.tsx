import { useState } from 'react';
import type { LogFilter, LogTemplateDrillView } from '../../../../main/api/types';
import { call } from '../../api/genbaClient';
import { useCore } from '../../api/useCore';
import { visibleText } from '../../components/visibleText';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/appStore';
import { formatDateTime } from '../overview/format';
import { countFigure } from '../../../../main/api/figures';

/**
 * A template's drill-down into ClickHouse, asked for by the manager: the laptop keeps one row
 * per minute, host, level and shape of a template, so its finer value shapes and its newest
 * lines are fetched from the server, over the Logs view's range and narrowing. Shown only where
 * the logs come from ClickHouse. The view keys it by template, range and narrowing: another is a
 * new panel, asked again only when the manager asks.
 */
export function TemplateDrillPanel({ id, counted, period }: { id: number; counted: LogFilter; period: string }) {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const tz = useAppStore((s) => s.overview?.timeZone ?? 'Asia/Tokyo');
  const fromClickHouse = useAppStore((s) => s.status?.logs.kind === 'clickhouse');
  // undefined: not asked yet; null: nothing to search by.
  const [drill, setDrill] = useState<LogTemplateDrillView | null | undefined>(undefined);
  const { busy, error, run } = useCore();
  if (!fromClickHouse) return null;
  return (
    <div className="template-drill" data-testid="log-template-drill">
      {drill === undefined && (
        <button
          type="button"
          disabled={busy}
          onClick={() => void run(async () => setDrill(await call('logs.drill', { id, ...counted })))}
          data-testid="log-drill"
        >
          {busy ? t('logs.drillBusy') : t('logs.drill')}
        </button>
      )}
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      {drill === null && <p className="muted">{t('logs.drillNone')}</p>}
      {drill && (
        <>
          <p className="muted" data-testid="log-drill-total">
            {drill.shapesFrom > drill.from
              ? t('logs.drillTotalSince', { n: countFigure(drill.total), since: formatDateTime(drill.shapesFrom, tz, lang) })
              : t('logs.drillTotal', { n: countFigure(drill.total) })}
          </p>
          <h4>{t('logs.drillShapes', { period, store: drill.store })}</h4>
          <ul className="samples" data-testid="log-drill-shapes">
            {drill.shapes.map((s, i) => (
              <li key={i}>
                <span className="muted">{t('logs.drillShapeLines', { n: countFigure(s.lines) })}</span> <code>{visibleText(s.sample)}</code>
              </li>
            ))}
          </ul>
          {drill.partial && <p className="muted small">{t('logs.drillPartial')}</p>}
          {drill.moreShapes > 0 && <p className="muted small">{t('logs.drillMore', { n: countFigure(drill.moreShapes) })}</p>}
          <h4>{t('logs.drillLines', { period })}</h4>
          <ul className="samples" data-testid="log-drill-lines">
            {drill.lines.map((l, i) => (
              <li key={i}>
                <span className="muted">
                  {formatDateTime(l.ts, tz, lang)} {l.host} {l.level}
                </span>{' '}
                <code>{visibleText(l.message)}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
