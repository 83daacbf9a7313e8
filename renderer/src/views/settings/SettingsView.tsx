import { useState } from 'react';
import type { Lang } from '../../../../main/api/types';
import { useAppStore } from '../../store/appStore';
import { useT } from '../../i18n/useT';
import { DataSourcePanel } from './DataSourcePanel';
import { ModelsPanel } from './ModelsPanel';
import { DiagnosticsPanel } from './DiagnosticsPanel';
import { BusinessNamesPanel } from './BusinessNamesPanel';
import { ProcessNamesPanel } from './ProcessNamesPanel';
import { TaughtWordsPanel } from './TaughtWordsPanel';
import { ApproverField } from './ApproverField';
import { useShallow } from 'zustand/react/shallow';

export function SettingsView() {
  const t = useT();
  const { status, lang, setLang, resetDemo } = useAppStore(useShallow((s) => ({ status: s.status, lang: s.lang, setLang: s.setLang, resetDemo: s.resetDemo })));
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!status) return <p className="muted">{t('loading')}</p>;
  return (
    <div className="settings">
      <h1>{t('settings.title')}</h1>
      <dl>
        <dt>{t('settings.language')}</dt>
        <dd>
          <select value={lang} onChange={(e) => void setLang(e.target.value as Lang)} data-testid="lang-select">
            <option value="ja">日本語</option>
            <option value="en">English</option>
          </select>
        </dd>
        <dt>{t('settings.approver')}</dt>
        <dd>
          <ApproverField />
        </dd>
        <dt>{t('settings.dataDir')}</dt>
        <dd>
          <code>{status.dataDir}</code>
        </dd>
        <dt>{t('settings.database')}</dt>
        <dd>
          <code>{status.database.path}</code> ({(status.database.sizeBytes / 1048576).toFixed(1)} MB)
        </dd>
        <dt>{t('settings.source')}</dt>
        <dd>{status.source.kind === 'demo' ? t('settings.sourceDemo', { seed: status.source.seed }) : status.source.id}</dd>
        <dt>{t('settings.models')}</dt>
        <dd>{status.models.found.length === 0 ? t('settings.noModels') : status.models.found.map((m) => m.name).join(', ')}</dd>
      </dl>
      {status.source.kind === 'demo' && (
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void (async () => {
              setBusy(true);
              const ms = await resetDemo();
              setBusy(false);
              setMessage(t('settings.demoResetDone', { ms: Math.round(ms) }));
            })()
          }
        >
          {t('settings.demoReset')}
        </button>
      )}
      {message && <p className="muted">{message}</p>}
      <DataSourcePanel />
      <BusinessNamesPanel />
      <ProcessNamesPanel />
      <TaughtWordsPanel />
      <ModelsPanel />
      <DiagnosticsPanel />
    </div>
  );
}
