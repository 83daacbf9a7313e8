import { useAppStore } from '../store/appStore';
import { useT } from '../i18n/useT';
import { formatAgo } from '../views/overview/format';
import { useShallow } from 'zustand/react/shallow';
import { countFigure } from '../../../main/api/figures';

/** On every view: where the data comes from, how fresh it is, what waits to be sent. */
export function StatusBar() {
  const t = useT();
  const { status, lang, progress, syncNow } = useAppStore(useShallow((s) => ({ status: s.status, lang: s.lang, progress: s.progress, syncNow: s.syncNow })));
  if (!status) return null;
  const { sync } = status;
  const source = status.source.kind === 'demo' ? t('status.sourceDemo') : `${status.source.database}@${status.source.host}`;
  const syncing = progress?.task === 'sync' ? progress : null;
  return (
    <div className="status-bar" data-testid="status-bar">
      <span className="source">{source}</span>
      <span data-testid="last-sync">{t('status.lastSync', { ago: formatAgo(status.lastSync, status.clock.now, lang) })}</span>
      {sync.pendingDecisions > 0 && (
        <span className="pending" data-testid="pending">
          {t('status.pending', { n: sync.pendingDecisions })}
        </span>
      )}
      {syncing && (
        <span className="syncing" role="status">
          {t('status.syncing', { table: syncing.table ?? '', done: countFigure(syncing.done), total: countFigure(syncing.total) })}
          <progress max={syncing.total || 1} value={syncing.done} />
        </span>
      )}
      {sync.lastRun && !sync.lastRun.ok && sync.lastRun.error && (
        <span className="sync-error" role="alert" data-testid="sync-error">
          {t('status.syncFailed', { message: sync.lastRun.error.message })}
        </span>
      )}
      <button type="button" disabled={sync.running || syncing !== null} onClick={() => void syncNow()} data-testid="sync-now">
        {t('status.syncNow')}
      </button>
    </div>
  );
}
