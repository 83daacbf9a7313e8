import { count } from '../api/englishCount.js';
import { P90_NAMED, p90Late, p90LateFirst, shortItems, type PlanDecided } from '../api/planTypes.js';
import { localize, type Lang, type Localized } from '../api/localized.js';
import type { GenbaApp } from '../genbaApp.js';
import type { DayPlan } from '../plan/planningService.js';
import type { PlanEdit } from '../plan/decidePlan.js';
import type { PlanBlock } from '../plan/planProblem.js';
import { planQualityText } from '../plan/planTexts.js';
import type { CliIo } from './cliIo.js';
import { usageError } from './cliUsageError.js';
import { formatBacktest } from './formatBacktest.js';
import { padEnd, padStart, textWidth } from './textWidth.js';
import { dayFigure } from '../api/figures.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const hm = (minute: number | null): string =>
  minute === null ? '—' : `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const dayName = (lang: Lang, date: string): string => dayFigure(date, lang);
const n = (x: number): string => Math.round(x).toLocaleString('en-US');

const PLAN_WORDS = {
  ja: {
    head: (day: string, asOf: string, rostered: number, off: number, ms: number) =>
      `${day}の配置計画（予測は${asOf}までの実績から。P50に P80 への余裕を足した件数を納期までに）: 勤怠上 ${rostered}名、うち休み ${off}名。計算 ${n(ms)} ms`,
    noRecord: (k: number) => `勤怠記録のない ${k}名は出勤として計画しました。`,
    unforecast: (k: number) => `実績が足りず予測できない ${k}系列は計画に入っていません。`,
    site: (site: string, people: number) => `■ ${site}（${people}名）`,
    demand: (what: string, am: number, pm: number, p50: number, target: number, planned: number, deadline: string, f50: string, f90: string) =>
      `  ${what}: 午前${am}名・午後${pm}名／予測 ${n(p50)}件（計画の目標 ${n(target)}件、納期までに ${n(planned)}件）・納期 ${deadline}・完了見込み P50 ${f50}／P90 ${f90}`,
    totals: (overtime: number, otPeople: number, cross: number, km: number) =>
      `残業 計${n(overtime)}分（${otPeople}名）・拠点間応援 ${cross}件（半日、延べ ${km} km）`,
    shortfalls: '不足:',
    finalCheck: '最終確認のルール:',
    p90Late: (n: number, which: string, more: number) =>
      `P90 では納期に間に合わない ${n}工程（10日に1日ほど遅れる見込み）。遅い順に: ${which}${more > 0 ? `、ほか${more}工程` : ''}`,
    p90Flag: '  ⚠ P90 が納期後',
    listSep: '、',
    decide: (id: string) =>
      `承認: genba approve ${id}、却下: genba reject ${id} --reason 理由、行を変えて承認: genba modify ${id} --reason 理由 --set ID:am:拠点:業務:工程`,
  },
  en: {
    head: (day: string, asOf: string, rostered: number, off: number, ms: number) =>
      `Staffing plan for ${day} (forecast from actuals up to ${asOf}; P50 plus a buffer towards P80 done by each deadline): ${count(rostered, 'person', 'people')} rostered, ${off} off. Computed in ${n(ms)} ms`,
    noRecord: (k: number) => `${count(k, 'person', 'people')} without an attendance record ${k === 1 ? 'was' : 'were'} planned as at work.`,
    unforecast: (k: number) => `${count(k, 'series', 'series')} with too little history to forecast ${k === 1 ? 'is' : 'are'} not in the plan.`,
    site: (site: string, people: number) => `■ ${site} (${count(people, 'person', 'people')})`,
    demand: (what: string, am: number, pm: number, p50: number, target: number, planned: number, deadline: string, f50: string, f90: string) =>
      `  ${what}: ${am} AM / ${pm} PM; forecast ${n(p50)} items (target ${n(target)}, ${n(planned)} by the deadline); deadline ${deadline}; finish P50 ${f50} / P90 ${f90}`,
    totals: (overtime: number, otPeople: number, cross: number, km: number) =>
      `Overtime ${n(overtime)} min (${count(otPeople, 'person', 'people')}); cross-site help ${count(cross, 'half day', 'half days')} (${km} km in all)`,
    shortfalls: 'Short:',
    finalCheck: 'Final check rule:',
    p90Late: (n: number, which: string, more: number) =>
      `${count(n, 'series', 'series')} done by the deadline at P50 but not at P90 (late about one day in ten); latest first: ${which}${more > 0 ? `; ${more} more` : ''}`,
    p90Flag: '  ⚠ P90 after the deadline',
    listSep: '; ',
    decide: (id: string) =>
      `Approve: genba approve ${id}; reject: genba reject ${id} --reason R; change lines and approve: genba modify ${id} --reason R --set ID:am:SITE:BUSINESS:PROCESS`,
  },
} satisfies Localized<Record<string, unknown>>;

/** The plan as people read it: per site, each business and process with its people per block against the forecast, the finish, and what falls short. */
export function formatPlan(plan: DayPlan, lang: Lang): string {
  const w = localize(lang, PLAN_WORDS);
  const s = plan.solution;
  const lines = [
    w.head(dayName(lang, plan.date), dayName(lang, plan.forecastAsOf), plan.rostered, plan.onLeave, plan.ms),
    `${plan.planId} · ${localize(lang, planQualityText({ ...s, shortItems: s.objective.shortfallItems }))}`,
  ];
  if (plan.withoutRecord > 0) lines.push(w.noRecord(plan.withoutRecord));
  if (plan.unforecast.length > 0) lines.push(w.unforecast(plan.unforecast.length));
  const sites = [...new Set(plan.problem.demands.map((d) => d.site))];
  const working = new Map<string, Set<number>>();
  for (const a of s.assignments) working.set(a.site, (working.get(a.site) ?? new Set()).add(a.operatorId));
  // Urgent first: sites with a shortfall, then the latest P90 finish against its deadline.
  const slack = (site: string): number =>
    Math.min(...s.demands.filter((d) => d.site === site).map((d) => (shortItems(d) > 0 ? -1e6 : d.deadlineMinute - (d.finishP90Minute ?? 1e6))));
  for (const site of sites.sort((a, b) => slack(a) - slack(b))) {
    lines.push(w.site(site, working.get(site)?.size ?? 0));
    for (const d of s.demands.filter((x) => x.site === site)) {
      const what = `${d.businessName ?? d.businessId} ${d.process}`;
      lines.push(
        w.demand(
          what,
          d.people.am,
          d.people.pm,
          Math.round(d.p50),
          Math.round(d.target),
          Math.round(d.plannedItems),
          hm(d.deadlineMinute),
          hm(d.finishP50Minute),
          hm(d.finishP90Minute),
        ) + (p90Late(d) ? w.p90Flag : ''),
      );
    }
  }
  const ot = s.overtime.filter((o) => o.minutes > 0);
  lines.push(w.totals(s.objective.overtimeMinutes, ot.length, s.objective.crossSiteBlocks, Math.round(s.objective.crossSiteKm)));
  if (plan.shortfalls.length > 0) lines.push(w.shortfalls, ...plan.shortfalls.map((e) => `- ${localize(lang, e.text)}`));
  if (plan.finalCheck.length > 0) lines.push(w.finalCheck, ...plan.finalCheck.map((e) => `- ${localize(lang, e.text)}`));
  const risky = p90LateFirst(s.demands);
  if (risky.length > 0)
    lines.push(
      w.p90Late(
        risky.length,
        risky
          .slice(0, P90_NAMED)
          .map((d) => `${d.site} ${d.businessName ?? d.businessId} ${d.process} ${hm(d.deadlineMinute)} → ${hm(d.finishP90Minute)}`)
          .join(w.listSep),
        risky.length - P90_NAMED,
      ),
    );
  lines.push(w.decide(plan.planId));
  return `${lines.join('\n')}\n`;
}

/**
 * `genba approve|reject|modify PLN…`: a decision on a staffing plan. modify changes lines
 * before approving: `--set ID:am|pm:SITE:BUSINESS:PROCESS` puts a person's half day on other
 * work, `--off ID:am|pm` takes it off the plan; it needs --reason, like reject.
 */
export async function runPlanDecision(
  app: GenbaApp,
  action: 'approve' | 'reject' | 'modify',
  planId: string,
  o: { reason?: string; set?: string[]; off?: string[]; json: boolean },
  io: CliIo,
): Promise<number> {
  const block = (b: string | undefined): PlanBlock => {
    if (b === 'am' || b === 'pm') return b;
    throw usageError({ ja: `午前は am、午後は pm です: ${b ?? ''}`, en: `A half day is am or pm: ${b ?? ''}` });
  };
  const id = (x: string | undefined): number => {
    const v = Number(x);
    if (!Number.isInteger(v) || v < 1) throw usageError({ ja: `担当者 ID が正しくありません: ${x ?? ''}`, en: `Not an operator id: ${x ?? ''}` });
    return v;
  };
  const edits: PlanEdit[] = [
    ...(o.set ?? []).map((x) => {
      const [op, b, site, businessId, process, ...more] = x.split(':');
      if (!site || !businessId || !process || more.length > 0)
        throw usageError({ ja: `--set は ID:am|pm:拠点:業務:工程 です: ${x}`, en: `--set takes ID:am|pm:SITE:BUSINESS:PROCESS: ${x}` });
      return { operatorId: id(op), block: block(b), site, businessId, process };
    }),
    ...(o.off ?? []).map((x) => {
      const [op, b, ...more] = x.split(':');
      if (more.length > 0) throw usageError({ ja: `--off は ID:am|pm です: ${x}`, en: `--off takes ID:am|pm: ${x}` });
      return { operatorId: id(op), block: block(b), off: true as const };
    }),
  ];
  if (action !== 'modify' && edits.length > 0) throw usageError({ ja: '--set と --off は modify で使います', en: '--set and --off go with modify' });
  if (action === 'modify' && edits.length === 0) throw usageError({ ja: 'modify には --set か --off が必要です', en: 'modify needs --set or --off' });
  const verb = action === 'approve' ? ('approved' as const) : action === 'reject' ? ('rejected' as const) : ('modified' as const);
  const r = await app.planning.decide(planId, { action: verb, reason: o.reason, edits });
  const lang = app.lang();
  const reason = r.reason ? localize(lang, r.reason) : null;
  const text = [
    r.delivered
      ? localize(lang, { ja: `${planId}: ${verb}（会社のデータベースに送信しました）`, en: `${planId}: ${verb} (delivered to the company database)` })
      : localize(lang, {
          ja: `${planId}: ${verb}（会社のデータベースにまだ送れていません。送信待ちに入れ、自動的に再送します: ${reason ?? ''}）`,
          en: `${planId}: ${verb} (not delivered to the company database yet; queued and retried automatically: ${reason ?? ''})`,
        }),
    ...companyText(r, lang),
  ].join('\n');
  io.stdout(
    o.json
      ? `${JSON.stringify({ planId, status: r.plan.status, decidedAt: r.plan.decidedAt, lines: r.plan.lines.length, delivered: r.delivered, reason, replaced: r.replaced, company: r.company }, null, 2)}\n`
      : `${text}\n`,
  );
  return 0;
}

/** `genba plan [--date YYYY-MM-DD] [--json]`: the staffing plan of one of the next ten working days (default: the next). */
export async function runPlanCommand(app: GenbaApp, o: { date?: string; json: boolean }, io: CliIo): Promise<number> {
  if (o.date !== undefined && !DATE.test(o.date)) throw usageError({ ja: '--date は YYYY-MM-DD で指定してください', en: '--date takes YYYY-MM-DD' });
  const plan = await app.planning.plan(o.date);
  if (o.json) {
    const names = new Map(plan.problem.operators.map((p) => [p.id, { name: p.name, site: p.site }]));
    const { problem, ...rest } = plan;
    const assignments = plan.solution.assignments.map((a) => ({ ...a, operatorName: names.get(a.operatorId)?.name, homeSite: names.get(a.operatorId)?.site }));
    io.stdout(`${JSON.stringify({ ...rest, policy: problem.policy, day: problem.day, solution: { ...plan.solution, assignments } }, null, 2)}\n`);
    return 0;
  }
  io.stdout(formatPlan(plan, app.lang()));
  return 0;
}

const STORE_TITLE: Localized<(n: number, origins: number, horizon: number) => string> = {
  ja: (n, origins, horizon) => `このデータの${n}系列: 各系列の直近${origins}営業日を起点に1〜${horizon}営業日先を予測した誤差`,
  en: (n, origins, horizon) => `${count(n, 'series', 'series')} of this store: forecasts 1–${horizon} working days ahead from each of the last ${origins} days`,
};

const FORECAST_WORDS = {
  ja: {
    head: (asOf: string, days: number) => `物量予測（${asOf}までの実績から、${days}営業日先まで。件／日、中央値と P10〜P90）`,
    short: (k: number, min: number) => `実績が${min}営業日未満の${k}系列は予測していません。`,
    company: '［ ］内は会社の予測（workload_forecasts）。',
  },
  en: {
    head: (asOf: string, days: number) =>
      `Workload forecast (from actuals up to ${asOf}, ${count(days, 'working day')} ahead; items per day, median and P10–P90)`,
    short: (k: number, min: number) => `${count(k, 'series', 'series')} with fewer than ${min} working days of history ${k === 1 ? 'is' : 'are'} not forecast.`,
    company: "[ ]: the company's own forecast (workload_forecasts).",
  },
} satisfies Localized<Record<string, unknown>>;

/**
 * `genba forecast [--days N] [--site S] [--json]`: items expected per series on the next working days;
 * `genba forecast eval [--json]`: the method's rolling-origin backtest on the store's own history.
 */
export function runForecastCommand(app: GenbaApp, args: string[], o: { days?: string; site?: string; json: boolean }, io: CliIo): number {
  if (args.length > 1 || (args.length === 1 && args[0] !== 'eval'))
    throw usageError({
      ja: '使い方: genba forecast [--days N] [--site 拠点] | genba forecast eval',
      en: 'Usage: genba forecast [--days N] [--site SITE] | genba forecast eval',
    });
  if (args[0] === 'eval') {
    const started = performance.now();
    const report = app.planning.forecastEval();
    const ms = Math.round(performance.now() - started);
    io.stdout(
      o.json
        ? `${JSON.stringify({ ms, ...report }, null, 2)}\n`
        : formatBacktest(report, app.lang(), localize(app.lang(), STORE_TITLE)(report.series.length, report.origins, report.horizon)),
    );
    return 0;
  }
  const days = o.days === undefined ? 5 : Number(o.days);
  if (!Number.isInteger(days) || days < 1 || days > 10) throw usageError({ ja: '--days は 1〜10 の整数です', en: '--days is an integer from 1 to 10' });
  const f = app.planning.forecast(days);
  const series = f.series.filter((s) => o.site === undefined || s.site === o.site);
  if (o.json) {
    io.stdout(`${JSON.stringify({ ...f, series }, null, 2)}\n`);
    return 0;
  }
  const w = localize(app.lang(), FORECAST_WORDS);
  const names = app.overview().businessNames;
  const key = (s: (typeof series)[number]): string => `${s.site} ${names[s.businessId] ?? s.businessId} ${s.process}`;
  const keyWidth = Math.max(0, ...series.map((s) => textWidth(key(s)))) + 2;
  // The company's own figure in brackets where it gives one, to read beside Genba's.
  const cell = (d: (typeof series)[number]['days'][number]): string =>
    `${n(d.p50)} (${n(d.p10)}–${n(d.p90)})${d.company !== undefined ? ` [${n(d.company)}]` : ''}`;
  const width = Math.max(22, ...series.flatMap((s) => s.days.map((d) => textWidth(cell(d)) + 2)));
  const lines = [w.head(dayName(app.lang(), f.asOf), days), padEnd('', keyWidth) + f.dates.map((d) => padStart(dayName(app.lang(), d), width)).join('')];
  for (const s of series) lines.push(padEnd(key(s), keyWidth) + s.days.map((d) => padStart(cell(d), width)).join(''));
  if (series.some((s) => s.days.some((d) => d.company !== undefined))) lines.push(w.company);
  if (f.tooShort.length > 0) lines.push(w.short(f.tooShort.length, f.minHistory));
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}

/**
 * What the company did with a delivered plan, as it said so (the day's plan is the one the company received last), or,
 * while the plan waits in the outbox, what it replaces in this store only.
 */
function companyText(r: PlanDecided, lang: Lang): string[] {
  if (r.company && !r.company.kept)
    return [
      localize(lang, {
        ja: `会社はこの日の計画として、後から受け取った計画 ${r.company.keptPlan ?? '—'} を使っています。この計画は承認の記録（approval_history）だけになりました。`,
        en: `The company uses plan ${r.company.keptPlan ?? '—'}, which it received later, for this day; this plan is recorded in approval_history only.`,
      }),
    ];
  if (r.company && r.company.replaced.length > 0)
    return [
      localize(lang, {
        ja: `会社の daily_assignments では、計画 ${r.company.replaced.join(', ')} の行がこの計画の行に入れ替わりました。`,
        en: `In the company's daily_assignments, the rows of plan ${r.company.replaced.join(', ')} gave way to this plan's.`,
      }),
    ];
  if (!r.delivered && r.replaced)
    return [
      localize(lang, {
        ja: `この端末では同じ日の承認済みの計画 ${r.replaced} に代わります。会社では、この日の計画は会社が最後に受け取った承認の計画になります。`,
        en: `On this computer it replaces the day's approved plan ${r.replaced}. At the company, the day's plan is the approved plan the company receives last.`,
      }),
    ];
  return [];
}
