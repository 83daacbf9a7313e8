import { useCallback, useEffect, useState } from 'react';
import type { DecisionAction, Proposal, ProposalState } from '../../../../main/api/assistantTypes';
import { call } from '../../api/genbaClient';
import { useCore } from '../../api/useCore';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/appStore';
import { formatTime } from '../overview/format';

/**
 * A proposal to approve, reject or modify. Before a decision it asks the core whether newer
 * data changed the situation and says so on the card. Only this click decides anything.
 */
export function ProposalCard({ proposal }: { proposal: Proposal }) {
  const t = useT();
  const tz = useAppStore((s) => s.overview?.timeZone ?? 'Asia/Tokyo');
  const [state, setState] = useState<ProposalState | null>(null);
  const [details, setDetails] = useState(false);
  const [mode, setMode] = useState<null | 'rejected' | 'modified'>(null);
  const [reason, setReason] = useState('');
  const [keep, setKeep] = useState<number[]>(proposal.operators.map((o) => o.id));
  // busy: a second click while a decision is out would only earn an 'already decided' error.
  const { busy, error, run } = useCore();
  const p = state?.proposal ?? proposal;

  const refresh = useCallback(() => run(async () => setState(await call('proposals.get', { id: proposal.id }))), [run, proposal.id]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const decide = (action: DecisionAction) =>
    run(async () => {
      setState(
        await call('proposals.decide', {
          id: proposal.id,
          action,
          ...(reason.trim() ? { reason: reason.trim() } : {}),
          ...(action === 'modified' ? { keepOperatorIds: keep } : {}),
        }),
      );
      setMode(null);
    });
  const open = !state || state.status === 'open';
  const late = (m: number | null): string => (m === null ? '—' : m > 0 ? t('proposal.late', { m }) : t('proposal.early', { m: -m }));

  return (
    <section className={`panel proposal ${open ? '' : `decided ${state?.status}`}`} data-testid="proposal-card" data-proposal-id={p.id}>
      <header>
        <strong>{t('proposal.title')}</strong> <code>{p.id}</code>
        <span className="muted small"> {t('proposal.dataAsOf', { time: formatTime(p.data_as_of, tz) })}</span>
        {!open && (
          <span className={`chip status-${state?.status}`} data-testid="proposal-status">
            {t(`proposal.status.${state!.status}`)}
          </span>
        )}
      </header>
      {open && state?.changedSince && (
        <div className="warning" role="alert" data-testid="proposal-changed">
          {t('proposal.changed')} {state.changedSince}
        </div>
      )}
      <ul className="moves" data-testid="proposal-moves">
        {p.changes.map((c) => (
          <li key={c.from}>
            <strong>
              {c.from} → {c.to}
            </strong>{' '}
            {c.process} · {t('proposal.people', { n: c.count })}
            <div className="muted">{c.operators.join('、')}</div>
          </li>
        ))}
      </ul>
      <dl className="impact">
        <dt>{t('proposal.productivity')}</dt>
        <dd data-testid="impact-productivity">{p.impact.productivity}</dd>
        <dt>{t('proposal.finish')}</dt>
        <dd>
          {formatTime(p.facts.projectedFinish, tz)} ({late(p.facts.minutesLateAfter)})
        </dd>
        <dt>{t('proposal.quality')}</dt>
        <dd>{t(`proposal.quality.${p.impact.quality}`)}</dd>
      </dl>
      {p.shortfall && (
        <div className="warning" data-testid="proposal-shortfall">
          {p.shortfall}
        </div>
      )}
      {details && (
        <div className="proposal-details" data-testid="proposal-details">
          <p>{p.reason}</p>
          <table>
            <thead>
              <tr>
                {mode === 'modified' && <th />}
                <th>{t('proposal.operator')}</th>
                <th>{t('proposal.from')}</th>
                <th>{t('proposal.why')}</th>
              </tr>
            </thead>
            <tbody>
              {p.operators.map((op) => (
                <tr key={op.id} data-testid={`operator-${op.id}`}>
                  {mode === 'modified' && (
                    <td>
                      <input
                        type="checkbox"
                        checked={keep.includes(op.id)}
                        aria-label={op.name}
                        onChange={(e) => setKeep(e.target.checked ? [...keep, op.id] : keep.filter((x) => x !== op.id))}
                      />
                    </td>
                  )}
                  <td>{op.name}</td>
                  <td>{op.from}</td>
                  <td className="small">{op.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('proposal.whatIf')}</h3>
          <ul data-testid="proposal-whatif">
            {p.whatIf.map((w) => (
              <li key={w.moves}>
                {t('proposal.people', { n: w.moves })}: {w.feasible ? `${formatTime(w.projectedFinish, tz)} (${late(w.minutesLate)})` : t('proposal.notEnough')}
              </li>
            ))}
          </ul>
        </div>
      )}
      {open && mode && (
        <label className="reason">
          {t(mode === 'rejected' ? 'proposal.rejectReason' : 'proposal.modifyReason')}
          <textarea value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} data-testid="decision-reason" />
        </label>
      )}
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      {open && (
        <div className="buttons">
          {mode === null ? (
            <>
              <button type="button" className="primary" disabled={busy} onClick={() => void refresh().then(() => decide('approved'))} data-testid="approve">
                {t('proposal.approve')}
              </button>
              <button type="button" onClick={() => setMode('rejected')} data-testid="reject">
                {t('proposal.reject')}
              </button>
              <button
                type="button"
                onClick={() => {
                  setMode('modified');
                  setDetails(true);
                }}
                data-testid="modify"
              >
                {t('proposal.modify')}
              </button>
            </>
          ) : (
            <>
              <button type="button" className="primary" disabled={busy || !reason.trim()} onClick={() => void decide(mode)} data-testid="confirm-decision">
                {t('proposal.confirm')}
              </button>
              <button type="button" onClick={() => setMode(null)}>
                {t('proposal.cancel')}
              </button>
            </>
          )}
          <button type="button" onClick={() => setDetails(!details)} data-testid="details">
            {t(details ? 'proposal.hideDetails' : 'proposal.details')}
          </button>
        </div>
      )}
    </section>
  );
}
