import { useState } from 'react';
import type { DoctorReport } from '../../../../main/api/doctorTypes';
import { call } from '../../api/genbaClient';
import { useCore } from '../../api/useCore';
import { useT } from '../../i18n/useT';

const MARK = { ok: '✓', warning: '!', error: '✗', skipped: '–' } as const;

/** The same checks as `genba doctor`, with what to do about each problem. */
export function DiagnosticsPanel() {
  const t = useT();
  const [report, setReport] = useState<DoctorReport | null>(null);
  const core = useCore();
  const { busy, error } = core;
  const run = () => core.run(async () => setReport(await call('doctor.run', {})));
  return (
    <section className="diagnostics" data-testid="diagnostics">
      <h2>{t('doctor.title')}</h2>
      <button type="button" disabled={busy} onClick={() => void run()} data-testid="doctor-run">
        {busy ? t('doctor.running') : t('doctor.run')}
      </button>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      {report && (
        <ul className="checks" data-testid="doctor-checks">
          {report.checks.map((c) => (
            <li key={c.id} className={`check-${c.status}`} data-testid={`check-${c.id}`}>
              <span className="mark">{MARK[c.status]}</span> <strong>{t(`doctor.check.${c.id}`)}</strong> {c.summary}
              {c.fix && <div className="fix">→ {c.fix}</div>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
