import { useCallback, useEffect, useState } from 'react';
import type { ModelImportReport, ModelRole, ModelsStatus, ModelTestResult } from '../../../../main/api/types';
import { call, onEvent } from '../../api/genbaClient';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/appStore';

const MB = 1024 * 1024;
const GB = 1024 * MB;
/** Memory as people read it: GB with one decimal, under 1 GB in whole MB (a tiny model is not "0.0 GB"). */
const memory = (bytes: number): string => (bytes >= GB ? `${(bytes / GB).toFixed(1)} GB` : `${Math.max(1, Math.round(bytes / MB))} MB`);

/** Import from a folder (a USB stick): a button, the copy's progress, then what became of each model found. */
function ModelImport({ onDone }: { onDone: () => void }) {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ file: string; pct: number } | null>(null);
  const [report, setReport] = useState<ModelImportReport | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => onEvent((e) => void (e.type === 'progress' && e.task === 'model-import' && setProgress({ file: e.table ?? '', pct: e.done }))), []);
  const start = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    setReport(undefined);
    setProgress(null);
    try {
      setReport((await call('models.importFolder', {})).report);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
      onDone();
    }
  };
  return (
    <div className="model-import" data-testid="model-import">
      <button type="button" disabled={busy} data-testid="model-import-start" onClick={() => void start()}>
        {busy ? t('models.importing') : t('models.import')}
      </button>{' '}
      <span className="muted small">{t('models.importHint')}</span>
      {progress && (
        <div className="import-progress" data-testid="model-import-progress" data-pct={progress.pct}>
          <progress max={100} value={progress.pct} /> {progress.file} {progress.pct}%
        </div>
      )}
      {error && (
        <div className="error-text" role="alert">
          {error}
        </div>
      )}
      {report === null && <p className="muted">{t('models.importNone')}</p>}
      {report && (
        <ul className="import-report" data-testid="model-import-report">
          {report.files.map((f) => (
            <li key={f.file} data-testid={`model-import-${f.file}`} data-outcome={f.outcome}>
              {f.outcome === 'imported' ? '✓' : '✗'} <strong>{f.name ?? f.file}</strong> {t(f.outcome === 'imported' ? 'models.imported' : 'models.refused')}
              {f.outcome === 'imported' && f.sha256 !== null && (
                <> · {f.verified ? t(f.listed ? 'models.verifiedListed' : 'models.verifiedCatalog') : t('models.unchecked', { sum: f.sha256.slice(0, 12) })}</>
              )}
              {f.memory && <> · {t('models.memoryFit', { need: memory(f.memory.needBytes), machine: memory(f.memory.machineBytes) })}</>}
              {f.reason && (
                <div className="error-text" data-field="reason">
                  {f.reason[lang]}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Settings → Models: each role's model, its state and backend, loading progress, a timed test. */
export function ModelsPanel() {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const [status, setStatus] = useState<ModelsStatus | null>(null);
  const [loading, setLoading] = useState<Partial<Record<ModelRole, number>>>({});
  const [busy, setBusy] = useState<ModelRole | null>(null);
  const [results, setResults] = useState<Partial<Record<ModelRole, { result?: ModelTestResult; error?: string; stream: string }>>>({});
  const refresh = useCallback(
    () =>
      void call('models.status', {})
        .then(setStatus)
        .catch(() => {}),
    [],
  );

  useEffect(() => {
    refresh();
    return onEvent((e) => {
      if (e.type === 'progress' && e.task === 'model' && e.table) setLoading((l) => ({ ...l, [e.table!]: e.done }));
      if (e.type === 'llm-chunk') setResults((r) => ({ ...r, [e.role]: { ...r[e.role], stream: (r[e.role]?.stream ?? '') + e.text } }));
    });
  }, [refresh]);

  const run = async (role: ModelRole, work: 'load' | 'test') => {
    setBusy(role);
    setResults((r) => ({ ...r, [role]: { stream: '' } }));
    try {
      if (work === 'load') setStatus(await call('models.load', { role }));
      else {
        const result = await call('models.test', { role });
        setResults((r) => ({ ...r, [role]: { ...r[role], result, stream: r[role]?.stream ?? '' } }));
      }
    } catch (error) {
      setResults((r) => ({ ...r, [role]: { stream: '', error: error instanceof Error ? error.message : String(error) } }));
    } finally {
      setBusy(null);
      setLoading((l) => ({ ...l, [role]: undefined }));
      refresh();
    }
  };

  if (!status) return null;
  const rows: { role: ModelRole; path: string | null; state: string; sizeBytes: number | null }[] = [
    ...status.roles.map((r) => ({ role: r.role, path: r.path, state: r.state, sizeBytes: r.sizeBytes })),
    { role: 'embedding', path: status.embedding.modelDir, state: status.embedding.state, sizeBytes: null },
  ];
  return (
    <section className="models" data-testid="models-panel">
      <h2>{t('models.title')}</h2>
      <p className="muted" data-testid="models-backend">
        {t('models.backend')}:{' '}
        {status.backend ? `${status.backend.backend.toUpperCase()} · ${t('models.threads', { n: status.backend.threads })}` : t('models.backendUnknown')}
      </p>
      <table>
        <thead>
          <tr>
            <th />
            <th>{t('models.file')}</th>
            <th>{t('models.state')}</th>
            <th className="num">{t('models.size')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const res = results[r.role];
            const pct = loading[r.role];
            return (
              <tr key={r.role} data-testid={`model-${r.role}`}>
                <td>{t(`models.role.${r.role}`)}</td>
                <td className="path" title={r.path ?? ''}>
                  {r.path ? r.path.split(/[\\/]/).pop() : '—'}
                </td>
                <td data-field="state">
                  {t(`models.state.${r.state}` as 'models.state.loaded')}
                  {pct !== undefined && <progress max={100} value={pct} />}
                  {res?.error && (
                    <div className="error-text" role="alert">
                      {res.error}
                    </div>
                  )}
                  {res?.result && (
                    <div className="result" data-field="result">
                      {r.role === 'embedding'
                        ? t('models.embedResult', { shape: res.result.text, ms: Math.round(res.result.ms) })
                        : t('models.speed', { tps: res.result.tokensPerSecond.toFixed(1), ttft: Math.round(res.result.firstTokenMs ?? 0) })}
                    </div>
                  )}
                  {res?.stream && (
                    <pre className="stream" data-field="stream">
                      {JSON.stringify(res.stream)}
                    </pre>
                  )}
                </td>
                <td className="num">{r.sizeBytes ? `${(r.sizeBytes / MB).toFixed(1)} MB` : '—'}</td>
                {/* A cell holding a row of buttons: a flex cell stops being a table cell and drops under its row. */}
                <td className="row-buttons" data-testid={`model-buttons-${r.role}`}>
                  <div className="buttons">
                    <button type="button" disabled={busy !== null || !['on_disk', 'error'].includes(r.state)} onClick={() => void run(r.role, 'load')}>
                      {t('models.load')}
                    </button>
                    <button
                      type="button"
                      disabled={busy !== null || ['not_configured', 'missing'].includes(r.state)}
                      data-testid={`model-test-${r.role}`}
                      onClick={() => void run(r.role, 'test')}
                    >
                      {busy === r.role ? t('models.testing') : t('models.test')}
                    </button>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ModelImport onDone={refresh} />
      <h3>{t('models.catalog')}</h3>
      <ul className="catalog">
        {status.catalog.map((c) => (
          <li key={c.name}>
            {c.present ? '✓' : '・'} <strong>{c.name}</strong> ({t(`models.role.${c.role}`)},{' '}
            {c.present && c.sizeBytes ? `${(c.sizeBytes / MB).toFixed(0)} MB` : c.sizeLabel}) — {c.description[lang]}
          </li>
        ))}
      </ul>
      <p className="muted small">{t('models.catalogHint')}</p>
    </section>
  );
}
