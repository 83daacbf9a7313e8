import { useState } from 'react';
import type { DataSourceForm } from '../../../../main/api/types';
import { call } from '../../api/genbaClient';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/appStore';
import { useShallow } from 'zustand/react/shallow';
import { countFigure } from '../../../../main/api/figures';

/** Settings → Data source: the company MySQL, tested before it is saved. */
export function DataSourcePanel() {
  const t = useT();
  const { status, refresh } = useAppStore(useShallow((s) => ({ status: s.status, refresh: s.refresh })));
  const current = status?.source.kind === 'mysql' ? status.source : null;
  const [form, setForm] = useState<DataSourceForm>({
    host: current?.host ?? '',
    port: current?.port ?? 3306,
    database: current?.database ?? '',
    user: current?.user ?? '',
    password: '',
    tls: current?.tls ?? false,
  });
  const [result, setResult] = useState<{ ok: boolean; text: string; rows?: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const field = (key: 'host' | 'database' | 'user' | 'password', type = 'text') => (
    <label>
      <span>{t(`ds.${key}`)}</span>
      <input
        type={type}
        value={form[key] ?? ''}
        autoComplete="off"
        data-testid={`ds-${key}`}
        placeholder={key === 'password' && current?.passwordStored ? t('ds.passwordKeep') : ''}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
    </label>
  );
  const act = async (work: () => Promise<{ ok: boolean; text: string; rows?: string[] }>) => {
    setBusy(true);
    try {
      setResult(await work());
    } catch (error) {
      setResult({ ok: false, text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };
  const request = (): DataSourceForm => ({ ...form, ...(form.password ? {} : { password: undefined }) });

  return (
    <section className="data-source">
      <h2>{t('ds.title')}</h2>
      <p className="muted">
        {t('ds.current')}: {status?.source.kind === 'mysql' ? status.source.id : t('status.sourceDemo')}
      </p>
      <div className="form-grid">
        {field('host')}
        <label>
          <span>{t('ds.port')}</span>
          <input
            type="number"
            min={1}
            max={65535}
            value={form.port}
            data-testid="ds-port"
            onChange={(e) => setForm({ ...form, port: Number(e.target.value) })}
          />
        </label>
        {field('database')}
        {field('user')}
        {field('password', 'password')}
        <label className="check">
          <input type="checkbox" checked={form.tls} data-testid="ds-tls" onChange={(e) => setForm({ ...form, tls: e.target.checked })} />
          <span>{t('ds.tls')}</span>
        </label>
      </div>
      <div className="buttons">
        <button
          type="button"
          disabled={busy}
          data-testid="ds-test"
          onClick={() =>
            void act(async () => {
              const r = await call('source.test', request());
              return {
                ok: true,
                text: t('ds.testOk'),
                rows: r.tables.map((x) => t('ds.rows', { table: x.table, n: x.rows === undefined || x.rows === null ? '?' : countFigure(x.rows) })),
              };
            })
          }
        >
          {busy ? t('ds.testing') : t('ds.test')}
        </button>
        <button
          type="button"
          disabled={busy}
          data-testid="ds-save"
          onClick={() =>
            void act(async () => {
              await call('source.save', request());
              await refresh();
              return { ok: true, text: t('ds.saved') };
            })
          }
        >
          {t('ds.save')}
        </button>
        {status?.source.kind === 'mysql' && (
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void act(async () => {
                await call('source.useDemo', {});
                await refresh();
                return { ok: true, text: t('status.sourceDemo') };
              })
            }
          >
            {t('ds.useDemo')}
          </button>
        )}
      </div>
      {result && (
        <div className={result.ok ? 'ok' : 'error'} role={result.ok ? 'status' : 'alert'} data-testid="ds-result">
          {result.text}
          {result.rows && (
            <ul>
              {result.rows.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <p className="muted small">{t('ds.note')}</p>
    </section>
  );
}
