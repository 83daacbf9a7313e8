import { useEffect } from 'react';
import { onEvent } from './api/genbaClient';
import { StatusBar } from './components/StatusBar';
import { useT } from './i18n/useT';
import { useAppStore, VIEWS, type ViewId } from './store/appStore';
import { AlertsView } from './views/alerts/AlertsView';
import { ApprovalsView } from './views/approvals/ApprovalsView';
import { ChatView } from './views/chat/ChatView';
import { KnowledgeView } from './views/knowledge/KnowledgeView';
import { LogsView } from './views/logs/LogsView';
import { OverviewView } from './views/overview/OverviewView';
import { PlanView } from './views/plan/PlanView';
import { SettingsView } from './views/settings/SettingsView';
import { useShallow } from 'zustand/react/shallow';

export function App() {
  const t = useT();
  const { view, setView, refresh, handleEvent, error, progress, lang, alertCount } = useAppStore(
    useShallow((s) => ({
      view: s.view,
      setView: s.setView,
      refresh: s.refresh,
      handleEvent: s.handleEvent,
      error: s.error,
      progress: s.progress,
      lang: s.lang,
      alertCount: s.alertCount,
    })),
  );

  useEffect(() => {
    const off = onEvent(handleEvent);
    void refresh();
    return off;
  }, [refresh, handleEvent]);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  // "3 minutes ago" must age while the window stays open.
  const clockMode = useAppStore((s) => s.status?.clock.mode);
  useEffect(() => {
    if (clockMode !== 'system') return;
    const timer = setInterval(() => void refresh(), 30_000);
    return () => clearInterval(timer);
  }, [clockMode, refresh]);

  const label = (v: ViewId): string => t(`nav.${v}`);
  return (
    <div className="shell">
      <nav aria-label="Genba">
        <div className="brand">
          Genba <span>現場</span>
        </div>
        {VIEWS.map((v) => (
          <button
            key={v}
            type="button"
            className={v === view ? 'active' : ''}
            aria-current={v === view ? 'page' : undefined}
            data-testid={`nav-${v}`}
            onClick={() => setView(v)}
          >
            {label(v)}
            {v === 'alerts' && alertCount > 0 && (
              <span className="count" data-testid="alert-count">
                {alertCount}
              </span>
            )}
          </button>
        ))}
      </nav>
      <main>
        <StatusBar />
        {progress && progress.task !== 'sync' && (
          <div className="progress" role="status">
            {progress.task === 'model'
              ? t('progress.model', {
                  pct: Math.round((progress.done / progress.total) * 100),
                  role: t(progress.table === 'intent' ? 'chat.model.intent' : 'chat.model.answer'),
                })
              : t('progress.demo', { pct: Math.round((progress.done / progress.total) * 100) })}
            <progress max={progress.total} value={progress.done} />
          </div>
        )}
        {error && (
          <div className="error" role="alert">
            {t('error.prefix')}: {error}
          </div>
        )}
        {view === 'overview' ? (
          <OverviewView />
        ) : view === 'plan' ? (
          <PlanView />
        ) : view === 'logs' ? (
          <LogsView />
        ) : view === 'alerts' ? (
          <AlertsView />
        ) : view === 'chat' ? (
          <ChatView />
        ) : view === 'approvals' ? (
          <ApprovalsView />
        ) : view === 'knowledge' ? (
          <KnowledgeView />
        ) : (
          <SettingsView />
        )}
      </main>
    </div>
  );
}
