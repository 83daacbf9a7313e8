import { useCallback, useEffect, useState } from 'react';
import { useName, useBusinessName, useNamesInText } from '../../i18n/useName';
import type { DecisionAction, Proposal, ProposalState } from '../../../../main/api/assistantTypes';
import { call } from '../../api/genbaClient';
import { useCore } from '../../api/useCore';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/appStore';
import { formatLateness, formatSpeed, formatTime } from '../overview/format';
import { DecisionNote } from '../../components/DecisionNote';

/** Before the overview has loaded: one object, so the selector returns the same value each time. */
const NO_NAMES: Readonly<Record<string, string>> = {};

/**
 * A proposal to approve, reject or modify. Before a decision it asks the core whether newer
 * data changed the situation and says so on the card. Only this click decides anything.
 */
export function ProposalCard({ proposal }: { proposal: Proposal }) {
  const t = useT();
  const name = useName();
  const businessName = useBusinessName();
  const inText = useNamesInText();
  const tz = useAppStore((s) => s.overview?.timeZone ?? 'Asia/Tokyo');
  const [state, setState] = useState<ProposalState | null>(null);
  const [details, setDetails] = useState(false);
  const [mode, setMode] = useState<null | 'rejected' | 'modified'>(null);
  const [reason, setReason] = useState('');
  const [keep, setKeep] = useState<number[]>(proposal.operators.map((o) => o.id));
  // 承認 asks first, naming what will be written to the company database.
  const [confirming, setConfirming] = useState(false);
  // In a partial approval: the projection with only the ticked operators, computed by the core.
  const [preview, setPreview] = useState<Pick<Proposal, 'impact' | 'facts'> | null>(null);
  const lang = useAppStore((s) => s.lang);
  const approver = useAppStore((s) => s.approver);
  const names = useAppStore((s) => s.overview?.businessNames ?? NO_NAMES);
  // busy: a second click while a decision is out would only earn an 'already decided' error.
  const { busy, error, run } = useCore();
  const p = state?.proposal ?? proposal;

  useEffect(() => {
    if (mode !== 'modified' || keep.length === 0) {
      setPreview(null);
      return;
    }
    let live = true;
    void call('proposals.preview', { id: proposal.id, keepOperatorIds: keep }).then(
      (v) => live && setPreview(v),
      () => live && setPreview(null),
    );
    return () => {
      live = false;
    };
  }, [mode, keep, proposal.id]);
  const shown = preview ?? p;
  const f = shown.facts;
  const start = f.snapshotTime === undefined ? null : f.snapshotTime + f.switchMinutes * 60_000;
  const moved = mode === 'modified' ? p.operators.filter((o) => keep.includes(o.id)) : p.operators;

  const refresh = useCallback(() => run(async () => setState(await call('proposals.get', { id: proposal.id }))), [run, proposal.id]);
  // Fetched again when newer data arrives: before a decision, whether the situation changed; after, how the move is going.
  const dataAsOf = useAppStore((s) => s.overview?.dataAsOf ?? null);
  useEffect(() => {
    void refresh();
  }, [refresh, dataAsOf]);

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
  const late = (m: number | null): string => (m === null ? '—' : formatLateness(m, lang));
  const paren = (x: string): string => (lang === 'ja' ? `（${x}）` : ` (${x})`);

  return (
    <section className={`panel proposal ${open ? '' : `decided ${state?.status}`}`} data-testid="proposal-card" data-proposal-id={p.id}>
      <header>
        {/* The id is for the CLI and the approvals CSV: on hover, not in the manager's line. */}
        <strong title={p.id}>{t('proposal.title')}</strong>
        <span className="muted small"> {t('proposal.dataAsOf', { time: formatTime(p.data_as_of, tz) })}</span>
        {!open && (
          <span className={`chip status-${state?.status}`} data-testid="proposal-status">
            {t(`proposal.status.${state!.status}`)}
          </span>
        )}
      </header>
      {!open && state?.outcome && <DecisionNote d={state.outcome} timeZone={tz} head={false} />}
      {open && state?.changedSince && (
        <div className="warning" role="alert" data-testid="proposal-changed">
          {t('proposal.changed')} {state.changedSince}
        </div>
      )}
      <ul className="moves" data-testid="proposal-moves">
        {p.changes.map((c) => {
          const km = p.operators.find((o) => o.from === c.from)?.distanceKm ?? null;
          return (
            <li key={c.from}>
              <strong>
                {name(c.from)} → {name(c.to)}
              </strong>{' '}
              {businessName(p.businessId)} {name(c.process)} · {t('proposal.people', { n: c.count })}
              {km !== null && <span className="muted"> · {t('proposal.distance', { km: Math.round(km) })}</span>}
              <div className="muted">{c.operators.map(name).join(lang === 'ja' ? '、' : ', ')}</div>
            </li>
          );
        })}
      </ul>
      <dl className="impact" data-testid="proposal-impact">
        <dt>{t('proposal.start')}</dt>
        <dd data-testid="impact-start">{start === null ? '—' : t('proposal.startAt', { time: formatTime(start, tz), n: f.switchMinutes })}</dd>
        <dt>{t('proposal.speed')}</dt>
        <dd data-testid="impact-speed">
          {t('proposal.speedChange', { before: formatSpeed(f.currentPerMinute), after: formatSpeed(f.currentPerMinute + f.addedPerMinute) })}
          {paren(shown.impact.productivity)}
        </dd>
        <dt>{t('proposal.finish')}</dt>
        <dd data-testid="impact-finish">
          {formatTime(f.projectedFinishNow, tz, p.data_as_of)}
          {paren(late(f.minutesLateNow))} → <strong>{formatTime(f.projectedFinish, tz, p.data_as_of)}</strong>
          {paren(late(f.minutesLateAfter))}
        </dd>
        <dt>{t('proposal.quality')}</dt>
        <dd>{t(`proposal.quality.${shown.impact.quality}`)}</dd>
      </dl>
      {p.donors && p.donors.length > 0 && (
        <div className="donors" data-testid="proposal-donors">
          <strong>{t('proposal.donors')}</strong>
          <ul>
            {p.donors.map((d) =>
              d.businessId === null || !d.before || !d.after ? (
                <li key={`${d.site}-${d.process}`}>
                  {name(d.site)} {name(d.process)}: {t('proposal.donorDone')}
                </li>
              ) : (
                <li key={`${d.site}-${d.process}-${d.businessId}`}>
                  {name(d.site)} {name(d.process)}
                  {paren(names[d.businessId] ?? d.businessId)}: {t('proposal.finish')} {formatTime(d.before.finish, tz, p.data_as_of)} →{' '}
                  {formatTime(d.after.finish, tz, p.data_as_of)}
                  {paren(`${late(d.before.minutesLate)} → ${late(d.after.minutesLate)}`)},
                  {t('proposal.speedChange', { before: formatSpeed(d.before.perMinute), after: formatSpeed(d.after.perMinute) })}
                </li>
              ),
            )}
          </ul>
        </div>
      )}
      {p.shortfall && (
        <div className="warning" data-testid="proposal-shortfall">
          {p.shortfall}
        </div>
      )}
      {details && (
        <div className="proposal-details" data-testid="proposal-details">
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
                        aria-label={name(op.name)}
                        onChange={(e) => setKeep(e.target.checked ? [...keep, op.id] : keep.filter((x) => x !== op.id))}
                      />
                    </td>
                  )}
                  <td>{name(op.name)}</td>
                  <td>{name(op.from)}</td>
                  <td className="small">{inText(op.reason)}</td>
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
      {open && confirming && (
        <div className="confirm" role="dialog" aria-label={t('proposal.confirmTitle')} data-testid="approve-confirm">
          <p>
            {t('proposal.confirmWrite', {
              n: moved.length,
              names: moved.map((o) => name(o.name)).join(lang === 'ja' ? '、' : ', '),
              to: `${name(p.site)} ${name(p.process)}`,
            })}
          </p>
          {approver && (
            <p className="muted small" data-testid="approve-confirm-by">
              {t('proposal.confirmBy', { name: approver.name })}
            </p>
          )}
          <div className="buttons">
            <button
              type="button"
              className="primary"
              disabled={busy}
              data-testid="approve-confirmed"
              onClick={() =>
                void refresh().then(async () => {
                  await decide('approved');
                  setConfirming(false);
                })
              }
            >
              {t('proposal.confirmApprove')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('proposal.cancel')}
            </button>
          </div>
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
              <button type="button" className="primary" disabled={busy} onClick={() => setConfirming(true)} data-testid="approve">
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
