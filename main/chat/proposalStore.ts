import type Database from 'better-sqlite3';
import type { ApprovalRow, DecisionAction, Proposal } from '../api/assistantTypes.js';
import type { PlanAtCompany } from '../api/planTypes.js';
import { ProposalError } from './proposalError.js';
import { decisionLimitProblems } from '../store/approvalHistoryLimits.js';
import { decisionHistoryRows, type DecisionFilter } from '../store/approvalOutbox.js';
import type { DecisionRecord } from '../store/decisionRecord.js';
import { impactOfKept } from '../placement/impactOfKept.js';
import { decisionOutcomes } from '../placement/floorDecisions.js';
import { writeTransaction } from '../store/writeTransaction.js';
import { HOURS_24_MS } from '../api/durations.js';
import { csvText } from '../csv.js';

/**
 * Stores a proposal. One problem has one open proposal: asking again about the same site,
 * process and business refreshes the open one in place (same id, newer figures and people)
 * instead of adding a second card for the same operators. Returns the proposal as stored.
 */
export function saveProposal(db: Database.Database, p: Proposal, question: string): Proposal {
  return writeTransaction(db, (): Proposal => {
    const open = db
      .prepare(
        `SELECT suggestion_id AS id FROM proposals WHERE status = 'open' AND json_extract(proposal, '$.site') = ? AND json_extract(proposal, '$.process') = ?
           AND json_extract(proposal, '$.businessId') = ? ORDER BY created_at DESC LIMIT 1`,
      )
      .get(p.site, p.process, p.businessId) as { id: string } | undefined;
    if (open) {
      const kept = { ...p, id: open.id };
      db.prepare('UPDATE proposals SET created_at = ?, data_as_of = ?, question = ?, proposal = ? WHERE suggestion_id = ?').run(
        kept.createdAt,
        kept.data_as_of,
        question,
        JSON.stringify(kept),
        open.id,
      );
      return kept;
    }
    db.prepare('INSERT INTO proposals (suggestion_id, created_at, data_as_of, question, proposal) VALUES (?, ?, ?, ?, ?)').run(
      p.id,
      p.createdAt,
      p.data_as_of,
      question,
      JSON.stringify(p),
    );
    return p;
  });
}

export interface StoredProposal {
  proposal: Proposal;
  status: 'open' | DecisionAction;
  decidedAt: number | null;
}

export function loadProposal(db: Database.Database, id: string): StoredProposal {
  const row = db.prepare('SELECT proposal, status, decided_at FROM proposals WHERE suggestion_id = ?').get(id) as
    { proposal: string; status: StoredProposal['status']; decided_at: number | null } | undefined;
  if (!row) throw new ProposalError('PROPOSAL_NOT_FOUND', { ja: `提案 ${id} は見つかりません。`, en: `Proposal ${id} was not found.` });
  return { proposal: JSON.parse(row.proposal) as Proposal, status: row.status, decidedAt: row.decided_at };
}

export interface Decision {
  action: DecisionAction;
  reason: string | null;
  user: string;
  keepOperatorIds?: number[];
}

/**
 * A manager's decision, in one transaction: the proposal's status and the outbox row that
 * carries it to approval_history. Only a person's click or command gets here; nothing the
 * models write can. Reject and modify need a reason; modify keeps a subset of the moves.
 */
export function decideProposal(db: Database.Database, id: string, d: Decision, now: number, record: (r: DecisionRecord) => void): StoredProposal {
  const stored = loadProposal(db, id);
  if (stored.status !== 'open') {
    throw new ProposalError('PROPOSAL_DECIDED', {
      ja: `提案 ${id} は既に処理済みです（${stored.status}）。`,
      en: `Proposal ${id} has already been decided (${stored.status}).`,
    });
  }
  if (d.action !== 'approved' && !d.reason?.trim()) {
    throw new ProposalError('PROPOSAL_REASON_REQUIRED', { ja: '却下・修正には理由を入力してください。', en: 'Rejecting or modifying needs a reason.' });
  }
  let p = stored.proposal;
  if (d.action === 'modified') {
    const keep = new Set(d.keepOperatorIds ?? []);
    const operators = p.operators.filter((op) => keep.has(op.id));
    if (operators.length === 0 || operators.length === p.operators.length || (d.keepOperatorIds ?? []).some((x) => !p.operators.some((op) => op.id === x))) {
      throw new ProposalError('PROPOSAL_MODIFY_INVALID', {
        ja: '修正では、提案されたオペレータのうち一部（1名以上、全員未満）を選んでください。',
        en: 'A modification keeps some of the proposed operators: at least one, not all.',
      });
    }
    const changes = p.changes
      .map((c) => {
        const names = c.operators.filter((n) => operators.some((op) => op.name === n && op.from === c.from));
        return { ...c, count: names.length, operators: names };
      })
      .filter((c) => c.count > 0);
    // The record carries what is really done: the impact of the operators kept, not of all proposed.
    p = { ...p, operators, changes, ...impactOfKept(p, operators) };
  }
  const decision: DecisionRecord = {
    suggestion_id: id,
    changes: JSON.stringify(p.changes),
    impact: JSON.stringify(p.impact),
    action_type: d.action,
    action_user: d.user,
    feedback_reason: d.reason?.trim() || null,
    decided_at: now,
  };
  const tooLong = decisionLimitProblems(decision)[0];
  if (tooLong) {
    const what = {
      feedback_reason: { ja: '理由', en: 'The reason' },
      action_user: { ja: '判断者の名前', en: 'The user name' },
      suggestion_id: { ja: '提案 ID', en: 'The proposal id' },
    }[tooLong.field];
    const unit = tooLong.unit === 'bytes' ? { ja: 'バイト', en: 'bytes' } : { ja: '文字', en: 'characters' };
    throw new ProposalError('PROPOSAL_TOO_LONG', {
      ja: `${what.ja}が長すぎます（${tooLong.size.toLocaleString('en-US')} ${unit.ja}。会社の承認履歴に入るのは ${tooLong.limit.toLocaleString('en-US')} ${unit.ja}まで）。短くしてもう一度判断してください。`,
      en: `${what.en} is too long (${tooLong.size.toLocaleString('en-US')} ${unit.en}; the company's approval history holds up to ${tooLong.limit.toLocaleString('en-US')}). Shorten it and decide again.`,
    });
  }
  // Checked and written in one write transaction, so a decision in another process cannot slip between.
  writeTransaction(db, () => {
    if (d.action !== 'rejected') {
      const moved = movedElsewhere(db, id, p, now);
      if (moved.length > 0) {
        const names = moved.map((m) => m.name).join(', ');
        throw new ProposalError('PROPOSAL_OPERATOR_MOVED', {
          ja: `${moved.map((m) => `${m.name}さん`).join('、')}は、この提案の後に承認された別の提案（${moved[0]!.by}）で既に移動が決まっています。同じ人を二度移動することはできません。残りの人だけを承認するには「修正」を、最新の状況で提案を作り直すにはもう一度質問してください。`,
          en: `${names} ${moved.length > 1 ? 'have' : 'has'} already been moved by another approved proposal (${moved[0]!.by}). The same person cannot be moved twice. Use modify to approve only the others, or ask again for a proposal on the current situation.`,
        });
      }
    }
    db.prepare('UPDATE proposals SET status = ?, decided_at = ?, proposal = ? WHERE suggestion_id = ?').run(d.action, now, JSON.stringify(p), id);
    record(decision);
  });
  return { proposal: p, status: d.action, decidedAt: now };
}

/**
 * The same window as the optimizer's "already moved": an operator moved by an approval in the last 24 hours. Elapsed
 * time on purpose: it spaces a person's moves (not twice within 24 hours), whatever the calendar day.
 */
const MOVE_WINDOW_MS = HOURS_24_MS;

/** Operators of `p` whose move another approved (or modified) decision of the last 24 hours already decided. */
function movedElsewhere(db: Database.Database, id: string, p: Proposal, now: number): { name: string; by: string }[] {
  const rows = db
    .prepare(`SELECT suggestion_id, proposal FROM proposals WHERE status IN ('approved', 'modified') AND decided_at >= ? AND suggestion_id != ?`)
    .all(now - MOVE_WINDOW_MS, id) as { suggestion_id: string; proposal: string }[];
  const moved: { name: string; by: string }[] = [];
  for (const r of rows) {
    const ids = new Set((JSON.parse(r.proposal) as Proposal).operators.map((op) => op.id));
    for (const op of p.operators) if (ids.has(op.id) && !moved.some((m) => m.name === op.name)) moved.push({ name: op.name, by: r.suggestion_id });
  }
  return moved;
}

/**
 * The decisions, newest first (with `only`, those it names: a history question's); a move's row carries its outcome on its
 * day as of `at.now` (promised against actual).
 */
export function approvalHistory(db: Database.Database, at: { now: number; timeZone: string }, limit = 500, only: DecisionFilter | null = null): ApprovalRow[] {
  // Proposals' decisions and staffing plans' (their ids PLN…) share the outbox; each joins its own table.
  const rows = decisionHistoryRows(db, limit, only);
  const outcomes = decisionOutcomes(
    db,
    rows.filter((r) => r.proposal !== null && r.action_type !== 'rejected').map((r) => ({ suggestionId: r.suggestion_id, decidedAt: r.decided_at })),
    at,
  );
  return rows.map((r) => {
    const common = {
      suggestionId: r.suggestion_id,
      action: r.action_type,
      reason: r.feedback_reason,
      user: r.action_user,
      decidedAt: r.decided_at,
      delivery:
        r.delivered_at !== null
          ? ('delivered' as const)
          : r.held_reason !== null
            ? ('held' as const)
            : r.attempts > 0
              ? ('failing' as const)
              : ('pending' as const),
      deliveredAt: r.delivered_at,
      lastError: r.last_error,
      companyPlan: r.company_plan === null ? null : (JSON.parse(r.company_plan) as PlanAtCompany),
    };
    if (r.proposal === null) return { ...common, ...planDecision(r.plan_date!, r.action_type, r.changes, r.impact) };
    const p = JSON.parse(r.proposal) as Proposal;
    // What was decided, as written to the company: the operators kept by a partial approval, none by a rejection.
    const changes = JSON.parse(r.changes) as Proposal['changes'];
    const moved = r.action_type === 'rejected' ? [] : changes.flatMap((c) => c.operators);
    const impact = JSON.parse(r.impact) as Proposal['impact'];
    return {
      ...common,
      site: p.site,
      process: p.process,
      businessId: p.businessId,
      moves: moved.length,
      operators: moved,
      notMoved: r.action_type === 'rejected' ? changes.flatMap((c) => c.operators) : [],
      impact: r.action_type === 'rejected' ? null : { productivity: impact.productivity, delayMinutes: impact.delay_minutes },
      plan: null,
      outcome: outcomes.get(r.suggestion_id) ?? null,
    };
  });
}

/** A plan's decision as the history lists it, from what decidePlan recorded (plan/decidePlan.ts). */
function planDecision(
  date: string,
  action: DecisionAction,
  changesJson: string,
  impactJson: string,
): Pick<ApprovalRow, 'site' | 'process' | 'businessId' | 'moves' | 'operators' | 'notMoved' | 'impact' | 'plan' | 'outcome'> {
  const changes = JSON.parse(changesJson) as { lines: number; headcount: Record<string, number>; edits: unknown[] };
  const impact = JSON.parse(impactJson) as { shortfallItems: number; overtimeMinutes: number; crossSiteBlocks: number; p90LateSeries?: number };
  // The headcount is keyed "site process block".
  const sites = [...new Set(Object.keys(changes.headcount).map((k) => k.split(' ')[0]!))].sort();
  return {
    site: '',
    process: '',
    businessId: null,
    moves: 0,
    operators: [],
    notMoved: [],
    impact: null,
    plan: {
      date,
      lines: action === 'rejected' ? 0 : changes.lines,
      sites,
      overtimeMinutes: impact.overtimeMinutes,
      crossSiteBlocks: impact.crossSiteBlocks,
      // Whole items, as the plan showed them (its stored figure carries the solver's fractions).
      shortfallItems: Math.round(impact.shortfallItems),
      p90LateSeries: impact.p90LateSeries ?? null,
      edits: changes.edits.length,
    },
    outcome: null,
  };
}

/** The approval history as RFC 4180 CSV with a BOM (csvText), so that Excel opens the Japanese text correctly. */
const round1 = (v: number): number => Math.round(v * 10) / 10;
const iso = (ms: number | null | undefined): string => (ms === null || ms === undefined ? '' : new Date(ms).toISOString());

export function approvalsCsv(rows: ApprovalRow[]): string {
  const head = [
    'suggestion_id',
    'site',
    'process',
    'action',
    'reason',
    'user',
    'decided_at',
    'moves',
    'delivery',
    'delivered_at',
    'last_error',
    'plan_date',
    'plan_lines',
    // A move's promise and what happened on its day (items per minute; finish as an instant).
    'promised_per_minute',
    'promised_finish',
    'actual_per_minute',
    'actual_finish',
    'outcome',
  ];
  const lines = rows.map((r) => [
    r.suggestionId,
    r.site,
    r.process,
    r.action,
    r.reason,
    r.user,
    new Date(r.decidedAt).toISOString(),
    r.moves,
    r.delivery,
    r.deliveredAt === null ? '' : new Date(r.deliveredAt).toISOString(),
    r.lastError,
    r.plan?.date,
    r.plan?.lines,
    r.outcome ? round1(r.outcome.promised.perMinute) : '',
    iso(r.outcome?.promised.finish),
    r.outcome?.actual ? round1(r.outcome.actual.perMinute) : '',
    iso(r.outcome?.actual?.finish),
    r.outcome?.verdict,
  ]);
  return csvText([head, ...lines]);
}
