import { useEffect, useState } from 'react';
import type { ProcessName } from '../../../../main/api/types';
import { call } from '../../api/genbaClient';
import { useCore } from '../../api/useCore';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/appStore';
import { SettingsTable } from './SettingsTable';

/**
 * Settings → English names of processes: what the English screens and answers call each
 * process (the Japanese name stays the key). Empty: the default of the declared vocabulary
 * of common process words (Entry 1, Correction …), else the romanized name.
 */
export function ProcessNamesPanel() {
  const t = useT();
  const refresh = useAppStore((s) => s.refresh);
  const core = useCore();
  const { busy, error, run } = core;
  const [rows, setRows] = useState<ProcessName[] | null>(null);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  useEffect(() => {
    void run(async () => setRows(await call('processes.list', {})));
  }, [run]);
  const save = (p: ProcessName) =>
    run(async () => {
      setRows(await call('processes.save', { process: p.process, nameEn: drafts[p.process] ?? p.nameEn ?? '' }));
      setDrafts(({ [p.process]: _, ...rest }) => rest);
      await refresh();
    });
  return (
    <SettingsTable
      className="process-names"
      title={t('processNames.title')}
      help={t('processNames.help')}
      error={error}
      none={t('processNames.none')}
      rows={rows}
      head={
        <>
          <th>{t('processNames.process')}</th>
          <th>{t('processNames.nameEn')}</th>
          <th />
        </>
      }
      row={(p) => (
        <tr key={p.process} data-testid={`process-${p.process}`}>
          <td lang="ja">{p.process}</td>
          <td>
            <input
              value={drafts[p.process] ?? p.nameEn ?? ''}
              placeholder={p.defaultEn ?? ''}
              maxLength={50}
              lang="en"
              data-testid={`process-name-en-${p.process}`}
              onChange={(e) => setDrafts({ ...drafts, [p.process]: e.target.value })}
            />
            {p.nameEn === null && p.defaultEn !== null && <div className="muted small">{t('processNames.default', { name: p.defaultEn })}</div>}
          </td>
          <td>
            <button type="button" disabled={busy || !(p.process in drafts)} onClick={() => void save(p)} data-testid={`process-save-${p.process}`}>
              {t('processNames.save')}
            </button>
          </td>
        </tr>
      )}
    />
  );
}
