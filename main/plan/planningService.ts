import type Database from 'better-sqlite3';
import type { AppEnv } from '../config/appEnv.js';
import type { GenbaConfig } from '../config/config.js';
import { localDate } from '../config/zonedTime.js';
import { backtest, type BacktestReport } from '../forecast/backtest.js';
import { dailyVolumes } from '../forecast/dailyVolumes.js';
import { forecastStore, type StoreForecast } from '../forecast/forecastNow.js';
import { isWorkingDay, nextWorkingDays } from '../forecast/workCalendar.js';
import { GenbaError } from '../errors.js';
import { explainShortfall, type ShortfallExplanation } from './explainShortfall.js';
import { planInputs, type PlanInputs } from './planInputs.js';
import { planQualityText } from './planTexts.js';
import { finalCheckNotes } from './finalCheck.js';
import type { PlanSolution } from './planSolution.js';
import type { PlanProblem } from './planProblem.js';
import { reusedOrAsync } from '../store/computedResults.js';
import { solvePlan } from './solvePlan.js';
import { planSolvePool } from './planSolvePool.js';
import { warmPlanSolver } from './warmPlanSolver.js';
import { unassignedPeople } from './unassignedPeople.js';
import { applyConditions, isWhatIf, type PlanConditions } from './planConditions.js';
import { decidePlan, type PlanDecision } from './decidePlan.js';
import { loadPlan, newPlanId, PLAN_ID, planInputsVersion, recentPlans, savePlan, type StoredPlan } from './planStore.js';
import type { DecisionRecord, DeliveryReport } from '../store/decisionRecord.js';
import { attemptReason, NOT_ATTEMPTED } from '../store/attemptReason.js';
import type { PlanAtCompany, PlanDecided } from '../api/planTypes.js';

/** A day's staffing plan: what it was built from, the solver's plan, and each shortfall in the manager's terms. */
export interface DayPlan extends Omit<PlanInputs, 'problem'> {
  /** The stored plan's id (PLN…): what an approval names. */
  planId: string;
  problem: PlanInputs['problem'];
  solution: PlanSolution;
  shortfalls: ShortfallExplanation[];
  /** Where the plan works a checked process without the company's final check, and why (finalCheck.ts). */
  finalCheck: NonNullable<StoredPlan['finalCheck']>;
  /** Wall time of the whole request: reading the store, the forecast and the solve. */
  ms: number;
}

export interface PlanningService {
  /** Items expected per series on the next `days` working days (1–10). */
  forecast(days?: number): StoreForecast;
  /** The forecast's rolling-origin backtest on the store's own history. */
  forecastEval(o?: { origins?: number; horizon?: number }): BacktestReport;
  /** The staffing plan of a working day among the next ten (default: the next working day), stored open for a decision. */
  plan(date?: string): Promise<DayPlan>;
  /**
   * A plan under the manager's conditions: one that only restricts (sites, no cross-site help,
   * people kept on a process) is stored open for a decision like any plan; a what-if (more
   * work, more people off) is worked out and returned, never stored.
   */
  planUnder(conditions: PlanConditions, date?: string): Promise<StoredPlan>;
  /** A stored plan. */
  get(planId: string): StoredPlan | null;
  /** The day's approved plan if there is one, else a new plan (what 「明日の配置は？」 asks for). */
  current(date?: string): Promise<StoredPlan>;
  /**
   * What a question about a day reads (「明日の残業は？」): the day's standing plan (approved, or open from the same inputs),
   * else one worked out under the conditions and kept nowhere (`unsaved`): a question stores nothing.
   */
  peek(date?: string, conditions?: PlanConditions): Promise<StoredPlan>;
  /** The plan a chat question reads: stored (a request to plan: `store`) under its conditions, else peeked at. */
  forQuestion(date?: string, conditions?: PlanConditions, store?: boolean): Promise<StoredPlan>;
  /** The newest plans, newest first. */
  recent(): StoredPlan[];
  /** Warms the solver at start-up (the desktop app) and solves the next working day's plan, so the first plan does not pay for it. */
  warm(): Promise<void>;
  /** Approves (writing its lines to the company's daily_assignments through the outbox), changes lines and approves, or rejects a plan. */
  decide(planId: string, d: Omit<PlanDecision, 'user'>): Promise<PlanDecided>;
}

/** The settings a plan depends on: the working day and its limits, the skill policy, the time zone. */
const settingsOf = (c: GenbaConfig): unknown => ({ planning: c.planning, minSkill: c.placement.minSkill, timeZone: c.timeZone });

export function createPlanningService(deps: {
  db: () => Database.Database;
  env: Pick<AppEnv, 'now' | 'config'>;
  distancesKm: () => Record<string, Record<string, number>>;
  businessNames: () => Record<string, string>;
  /** Who decides: the approver's name in Settings, else the OS account of this machine. */
  approver: () => string;
  /** The outbox: a decision is recorded in the plan's transaction, then delivered at once (and retried by the sync until it is). */
  record: (d: DecisionRecord) => void;
  deliver: () => Promise<DeliveryReport | null>;
  delivered: (id: string) => boolean;
  /** What the company did with a delivered plan (the day's plan is the one it received last). */
  companyPlan: (id: string) => PlanAtCompany | null;
}): PlanningService {
  const today = (): string => localDate(deps.env.now(), deps.env.config().timeZone);
  /** What a plan of `day` made now would be made from (planInputsVersion): equal, and an open plan is the same plan. */
  const inputsVersion = (day: string): string =>
    planInputsVersion(deps.db(), day, settingsOf(deps.env.config()), { now: deps.env.now(), timeZone: deps.env.config().timeZone });
  /** Reads the day's inputs, applies the conditions, solves, words the shortfalls; stores the plan unless it is a what-if. */
  async function make(date: string | undefined, conditions: PlanConditions, keep = true) {
    const t0 = performance.now();
    const ahead = nextWorkingDays(today(), 10);
    const day = date ?? ahead[0]!;
    if (!ahead.includes(day)) {
      throw new GenbaError('INVALID_INPUT', {
        ja: `${day} は計画できません。${isWorkingDay(day) ? '' : '休業日です。'}計画できるのは今日の後の10営業日（${ahead[0]}〜${ahead[9]}）です。`,
        en: `Genba cannot plan ${day}.${isWorkingDay(day) ? '' : ' It is not a working day.'} It plans the 10 working days after today (${ahead[0]}–${ahead[9]}).`,
      });
    }
    // The solver threads start and load HiGHS while the inputs are read (a cold plan's first model no longer waits for them).
    planSolvePool.prestart();
    const inputs = planInputs(deps.db(), {
      date: day,
      now: deps.env.now(),
      config: deps.env.config(),
      distancesKm: deps.distancesKm(),
      businessNames: deps.businessNames(),
    });
    const { problem, off } = applyConditions(inputs.problem, conditions);
    const solution = await solvedPlan(problem);
    const shortfalls = explainShortfall(problem, solution);
    const whatIf = isWhatIf(conditions);
    const planId = whatIf ? `WHATIF-${day}` : keep ? newPlanId(day) : `PREVIEW-${day}`;
    const people = new Map(problem.operators.map((op) => [op.id, op]));
    const overtime = new Map(solution.overtime.map((x) => [x.operatorId, x]));
    const conditioned = Object.keys(conditions).length > 0;
    const stored: StoredPlan = {
      planId,
      date: day,
      createdAt: deps.env.now(),
      status: 'open',
      decidedAt: null,
      day: problem.day,
      forecastAsOf: inputs.forecastAsOf,
      rostered: inputs.rostered,
      onLeave: inputs.onLeave,
      withoutRecord: inputs.withoutRecord,
      offBySite: inputs.offBySite,
      offPeople: inputs.offPeople,
      lines: solution.assignments.map((a) => ({
        ...a,
        name: people.get(a.operatorId)?.name ?? String(a.operatorId),
        homeSite: people.get(a.operatorId)?.site ?? a.site,
        overtimeMinutes: (a.block === 'am' ? overtime.get(a.operatorId)?.earlyMinutes : overtime.get(a.operatorId)?.lateMinutes) ?? 0,
        able: (people.get(a.operatorId)?.skills ?? []).filter((k) => k.usual === true || k.skill >= problem.policy.minSkill).map((k) => k.process),
      })),
      unassigned: unassignedPeople(problem, solution),
      demands: solution.demands,
      objective: solution.objective,
      // A plan under conditions is never the plain plan of the same inputs: it is not answered again for a plain question.
      ...(conditioned ? { conditions } : { inputsVersion: inputsVersion(day) }),
      ...(whatIf ? { whatIf: { off } } : {}),
      ...(!whatIf && !keep ? { unsaved: true as const } : {}),
      shortfalls: shortfalls.map((x) => ({ site: x.site, text: x.text })),
      finalCheck: finalCheckNotes(solution.finalCheckGaps),
      solveStatus: solution.status,
      quality: planQualityText({ ...solution, shortItems: solution.objective.shortfallItems }),
      ms: Math.round(performance.now() - t0),
    };
    if (!whatIf && keep) {
      const { status: _s, decidedAt: _d, ...toSave } = stored;
      savePlan(deps.db(), toSave);
    }
    return { inputs: { ...inputs, problem }, solution, shortfalls, stored };
  }

  /**
   * The problem's solution, solved once per build (computedResults.ts): the solve is deterministic (it stops on counted
   * work, never on time), so the chat, the CLI and the Plan view asking for the same inputs get the one solution, and
   * the start-up warm-up's solve of the next working day is the first plan's.
   */
  const solvedPlan = async (problem: PlanProblem): Promise<PlanSolution> => {
    const t0 = performance.now();
    // Kept without its times, which are not part of the solution and differ run by run: the time is this request's.
    const kept = await reusedOrAsync(deps.db(), 'plan-solution', problem, async () => {
      const solved = await solvePlan(problem);
      return { ...solved, ms: 0, models: solved.models.map((m) => ({ ...m, ms: 0 })) };
    });
    return { ...kept, ms: performance.now() - t0 };
  };

  /** The day's approved plan, else its open plan made from the same inputs (asking twice must not make a copy under a new id). */
  function standing(day: string): StoredPlan | null {
    const recent = recentPlans(deps.db(), 50).filter((p) => p.date === day);
    const decided = recent.find((p) => p.status === 'approved' || p.status === 'modified');
    if (decided) return decided;
    const open = recent.find((p) => p.status === 'open');
    return open && open.inputsVersion === inputsVersion(day) ? open : null;
  }

  return {
    forecast(days = 5) {
      if (!Number.isInteger(days) || days < 1 || days > 10)
        throw new GenbaError('INVALID_INPUT', { ja: '予測日数は1〜10営業日です。', en: 'Forecast days must be 1–10 working days.' });
      return forecastStore(deps.db(), { now: deps.env.now(), timeZone: deps.env.config().timeZone, days });
    },
    forecastEval(o = {}) {
      return backtest(dailyVolumes(deps.db(), { timeZone: deps.env.config().timeZone, until: today() }), o);
    },
    async plan(date) {
      const made = await make(date, {});
      return {
        ...made.inputs,
        planId: made.stored.planId,
        solution: made.solution,
        shortfalls: made.shortfalls,
        finalCheck: made.stored.finalCheck ?? [],
        ms: made.stored.ms,
      };
    },
    async planUnder(conditions, date) {
      return (await make(date, conditions)).stored;
    },
    get: (planId) => loadPlan(deps.db(), planId),
    async current(date) {
      const day = date ?? nextWorkingDays(today(), 1)[0]!;
      return standing(day) ?? loadPlan(deps.db(), (await this.plan(day)).planId)!;
    },
    forQuestion(date, conditions, store) {
      return !store ? this.peek(date, conditions) : conditions ? this.planUnder(conditions, date) : this.current(date);
    },
    async peek(date, conditions) {
      const day = date ?? nextWorkingDays(today(), 1)[0]!;
      if (conditions && Object.keys(conditions).length > 0) return (await make(day, conditions, false)).stored;
      return standing(day) ?? (await make(day, {}, false)).stored;
    },
    // The tiny model compiles the solver; the next working day's real inputs and solve warm the forecast's fit and the
    // plan's model paths on this store, which is what the first plan of the day would otherwise pay
    // (docs/bench/2026-11-27-plan-cold-start.md), and both are kept: the first plan of the same inputs is this one.
    async warm() {
      await warmPlanSolver();
      try {
        const day = nextWorkingDays(today(), 1)[0]!;
        await solvedPlan(
          planInputs(deps.db(), {
            date: day,
            now: deps.env.now(),
            config: deps.env.config(),
            distancesKm: deps.distancesKm(),
            businessNames: deps.businessNames(),
          }).problem,
        );
      } catch {
        // A store without the data to plan fails the first real plan with its own message.
      }
    },
    recent: () => recentPlans(deps.db()),
    async decide(planId, d) {
      if (!PLAN_ID.test(planId)) throw new GenbaError('INVALID_INPUT', { ja: `計画 ID の形が違います: ${planId}`, en: `Not a plan id: ${planId}` });
      const config = deps.env.config();
      const { plan, replaced } = decidePlan(
        deps.db(),
        planId,
        { ...d, user: deps.approver() },
        {
          now: deps.env.now(),
          timeZone: config.timeZone,
          minSkill: config.placement.minSkill,
          record: deps.record,
          businessNames: deps.businessNames,
        },
      );
      // Delivery failing (the company database down or silent: each wait is bounded) leaves the decision in the outbox, retried by the sync.
      const reason = await attemptReason(planId, deps.deliver());
      const delivered = deps.delivered(planId);
      return { plan, delivered, reason: delivered ? null : (reason ?? NOT_ATTEMPTED), replaced, company: delivered ? deps.companyPlan(planId) : null };
    },
  };
}
