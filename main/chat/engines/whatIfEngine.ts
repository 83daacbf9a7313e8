import type { ProcessProgress } from '../../api/types.js';
import { moveImpact } from '../../placement/moveImpact.js';
import { moveWhatIf } from '../../placement/moveWhatIf.js';
import { placementSituation } from '../../placement/placementSituation.js';
import { impactAnswer } from '../analysisTexts.js';
import { statusAnswer } from '../answerTexts.js';
import { staffMoveOf } from '../moveRequest.js';
import { personPace, type PersonPace } from '../personPace.js';
import type { MoveSide } from '../../placement/moveImpact.js';
import { lineName, whatIfAnswer, workWhatIfAnswer } from '../whatIfTexts.js';
import { workWhatIf, type WorkChange } from '../../placement/workWhatIf.js';
import { isWorkChange } from '../query/workChangeOf.js';
import { businessLabel } from '../../api/businessLabel.js';
import type { AskContext, Engine } from './askContext.js';
import type { AskQuery } from '../../api/askQuery.js';
import { personLines } from '../personLine.js';
import { LEFT_OUT, NOT_NAMED } from './proposeEngine.js';
import { joinNames, localize, type Localized } from '../../api/localized.js';
import { speedFigure as sp } from '../../api/figures.js';
import { wallClock, zonedEpoch } from '../../config/zonedTime.js';

/** The business a change of speed is about: of the site and process named, the latest (as a proposal picks its target). */
function latestOf(series: readonly ProcessProgress[], site: string | null, process: string | null): ProcessProgress | null {
  const open = series.filter((p) => p.status !== 'done' && (site === null || p.site === site) && (process === null || p.process === process));
  return open.sort((a, b) => (b.minutesLate ?? -Infinity) - (a.minutesLate ?? -Infinity))[0] ?? null;
}

/** A what-if of named people leaving, placed on their line now; a text when they are on no one line now; null otherwise. */
function leavingPeople(q: AskQuery, c: AskContext): { query: AskQuery } | { text: string } | null {
  const move = q.move && 'count' in q.move ? q.move : null;
  if (!move || move.from || move.to || q.operator.length === 0 || q.site.length > 0) return null;
  const lines = personLines(c.db, q.operator, c.now, c.cfg.timeZone);
  const placed = [...lines.values()];
  const first = placed[0];
  if (first && placed.every((l) => l && l.site === first.site && l.process === first.process && l.businessId === first.businessId))
    return {
      query: {
        ...q,
        move: { count: q.operator.length, from: first.site, to: null, process: first.process },
        business: first.businessId ? [first.businessId] : q.business,
      },
    };
  const said = [...lines].map(([name, l]) =>
    localize(
      c.lang,
      l
        ? { ja: `- ${name}: ${l.site} ${l.process}`, en: `- ${name}: ${l.site} ${l.process}` }
        : {
            ja: `- ${name}: 今の時刻の配置がありません（休み、または今日の担当が終了）`,
            en: `- ${name}: no assignment at this time (off, or done for the day)`,
          },
    ),
  );
  return {
    text: [
      localize(c.lang, {
        ja: '名前の人が今いるラインを一つに決められないため、試算していません。今の配置:',
        en: 'The people named are not on one line now, so nothing was projected. Where they are now:',
      }),
      ...said,
    ].join('\n'),
  };
}

/**
 * A change to the work itself the query supposes: items added or a stop (its move), or more work by a share
 * («1割多く入荷したら», its conditions' factor above 1), which each line weighs on its own items today.
 */
function workChange(q: AskQuery): WorkChange | { share: number } | null {
  if (q.move && isWorkChange(q.move)) return q.move;
  if (!q.move && q.conditions?.volumeFactor !== undefined && q.conditions.volumeFactor > 1) return { share: q.conditions.volumeFactor - 1 };
  return null;
}

/**
 * Items added go to one line: of those named, the latest open one (as a proposal picks its target), else the first
 * named. A stop is of every line named (a site stopped is all its lines), each projected at its speed now.
 */
function workAnswer(q: AskQuery, work: WorkChange | { share: number }, series: readonly ProcessProgress[], c: AskContext): string {
  const named = series.filter(
    (p) =>
      (q.site.length === 0 || q.site.includes(p.site)) &&
      (q.process.length === 0 || q.process.includes(p.process)) &&
      (q.business.length === 0 || q.business.includes(p.businessId)),
  );
  if (named.length === 0) return statusAnswer([...series], c.tz, q.site[0] ?? null, q.process[0] ?? null);
  if ('stopMinutes' in work) {
    const scope =
      [joinNames(c.lang, q.site), joinNames(c.lang, q.process), q.business.map((b) => localize(c.lang, businessLabel(c.tz.businessNames, b))).join('・')]
        .filter(Boolean)
        .join(' ') || localize(c.lang, { ja: '全拠点', en: 'every site' });
    return workWhatIfAnswer(
      work,
      named.map((t) => workWhatIf(t, work)),
      scope,
      c.tz,
    );
  }
  const target = latestOf(named, null, null) ?? named[0]!;
  const items = 'items' in work ? work.items : Math.round(work.share * (target.completedToday + target.remaining));
  const basis =
    'share' in work
      ? localize(c.lang, {
          ja: `今日の件数（処理済み${target.completedToday}件＋残り${target.remaining}件）の${Math.round(work.share * 100)}%`,
          en: `${Math.round(work.share * 100)}% of its items today (${target.completedToday} done + ${target.remaining} left)`,
        })
      : undefined;
  const change = { items };
  return workWhatIfAnswer(change, [workWhatIf(target, change)], lineName(target, c.tz), { ...c.tz, ...(basis ? { basis } : {}) });
}

/** What one person's pace on a side was worked out from. */
function paceWords(at: MoveSide, p: PersonPace): Localized {
  return p.measured
    ? {
        ja: `（1人あたり毎分${sp(p.perMinute)}件: ${at.site} ${at.process}の今の速さ 毎分${sp(p.measured.lineSpeed)}件を今日の配置${p.measured.people}名で割った値）`,
        en: `(${sp(p.perMinute)}/min a person: ${at.site} ${at.process}'s speed now, ${sp(p.measured.lineSpeed)}/min, over the ${p.measured.people} people on it today)`,
      }
    : {
        ja: `（1人あたり毎分${sp(p.perMinute)}件: ${at.site} ${at.process}の人の登録速度の平均）`,
        en: `(${sp(p.perMinute)}/min a person: the mean registered speed of ${at.site} ${at.process}'s people)`,
      };
}

/** A return time the proposal's model does not weigh: it projects the people staying to the end of the day. */
const UNTIL_NOT_WEIGHED: Localized<(hm: string) => string> = {
  ja: (hm) => `${hm}に戻す条件はこの試算に入っていません（移した人は今日の終わりまで残る前提です）。`,
  en: (hm) => `Their return at ${hm} is not weighed here: this projection keeps them there for the rest of the day.`,
};
/** A return time already past: the move is weighed for the rest of the day. */
const UNTIL_PAST: Localized<(hm: string) => string> = {
  ja: (hm) => `${hm}はもう過ぎているため、今日の終わりまで移す場合を示します。`,
  en: (hm) => `${hm} has passed, so this is the move for the rest of the day.`,
};

/** Epoch ms of a clock time (HH:MM) on the local day of `now`. */
function todayAt(hm: string, now: number, timeZone: string): number {
  const [h, m] = hm.split(':').map(Number) as [number, number];
  const d = wallClock(now, timeZone);
  return zonedEpoch(timeZone, d.year, d.month, d.day, h, m);
}

/**
 * A what-if of today: people joining a business, or its speed becoming a figure, projected on the proposal's model
 * (moveWhatIf); people only taken away or added without a source, at the line's pace per person today (personPace.ts). Nothing is stored.
 */
const NOT_WEIGHED = {
  ja: 'この仮定は試算できません（試算できるのは、人の移動、速度、件数の増減です）。以下は今の状況で、仮定を反映していません。',
  en: 'Genba cannot weigh that supposition (it weighs people moved, a speed, or items added or stopped). Below is how things stand now, without it.',
};

export const whatIfEngine: Engine = async (asked, c) => {
  c.onStage?.('data');
  const series = c.series();
  // People named leaving with no place said («小川さんが今帰ったら», "what if Ogawa goes home?"): they leave the line today's
  // assignments put them on, all of them one line; else the answer says where each one is, or that they have none now.
  const leaving = leavingPeople(asked, c);
  if (leaving && 'text' in leaving) return { text: leaving.text, facts: leaving.text };
  const q = leaving?.query ?? asked;
  const work = workChange(q);
  if (work) {
    const text = workAnswer(q, work, series, c);
    return { text, facts: text, knowhow: [q.site[0] ?? '', q.process[0] ?? ''] };
  }
  const site = q.site[0] ?? (q.move && 'count' in q.move ? (q.move.to ?? null) : null);
  const process = q.process[0] ?? (q.move && 'count' in q.move ? (q.move.process ?? null) : null);
  const speedTo = q.move && 'speed' in q.move ? q.move.speed : null;
  // The move is the query's (how many, from, to, the process): the same reading every engine and the restatement see.
  const staff = speedTo === null ? staffMoveOf(q, series) : null;
  // Until a time of today («until 16:00»): the people go back then. A time already past is said, and the move weighed for the rest of the day.
  const untilHm = q.move && 'count' in q.move ? (q.move.until ?? null) : null;
  const until = untilHm === null ? null : todayAt(untilHm, c.now, c.tz.timeZone);
  const move = staff && until !== null && until > c.now ? { ...staff, until } : staff;
  // A move between two businesses of one site is weighed on both sides' speeds (moveImpact), not as help from elsewhere.
  // So is a move between two processes of one site: the proposal's model brings help from other sites.
  const at = speedTo !== null ? latestOf(series, site, process) : move?.from?.businessId || move?.from?.site === move?.to?.site ? null : (move?.to ?? null);
  const situation = at && placementSituation(c.db, c.situationOptions, { site: at.site, process: at.process, businessId: q.business[0] ?? null }, c.overview());
  let text: string;
  if (situation) {
    c.onStage?.('optimize');
    // The number of people is the reading's (「三人」 "three people" are read once, in parseQuery), the places the move's.
    const change =
      speedTo !== null
        ? { speedPerMinute: speedTo }
        : {
            people: move!.count,
            from: move!.from?.site ?? null,
            fromProcess: q.move && 'count' in q.move ? (q.move.fromProcess ?? null) : null,
            named: q.operator,
            notFrom: q.notFrom,
            notNamed: q.notWho,
          };
    text = whatIfAnswer(await moveWhatIf(situation, change, c.proposeOptions), c.cfg.placement.minSkill, c.tz);
    // The proposal's model keeps people to the end of the day: a return time is said as not weighed, never dropped silently.
    if (untilHm !== null && speedTo === null) text = `${localize(c.lang, UNTIL_NOT_WEIGHED)(untilHm)}\n${text}`;
  } else if (move) {
    // Each side's pace per person: today's speed over today's people where both are known (personPace.ts), said with it.
    const paces = new Map<MoveSide, PersonPace>();
    const pace = (at: MoveSide): number => {
      const p = paces.get(at) ?? personPace(c.db, series, at, c.now, c.cfg.timeZone);
      paces.set(at, p);
      return p.perMinute;
    };
    // More people taken than are on the line today («take 4 off» where 3 work): all of them leave, and that is said first.
    // (Read through `pace`, so the side's pace is worked out once and said with the answer.)
    const there = move.from && !move.to ? (pace(move.from), paces.get(move.from)!.measured?.people) : undefined;
    const taken = there !== undefined && move.count > there ? { ...move, count: there } : move;
    text = impactAnswer(taken, moveImpact(series, taken, pace, c.cfg.overview.atRiskSlackMinutes), c.tz);
    if (taken !== move)
      text = `${localize(c.lang, {
        ja: `${move.from!.site} ${move.from!.process}には今日${there}名しか配置されていないため、${move.count}名は外せません。${there}名全員を外した場合を示します。`,
        en: `Only ${there} people are on ${move.from!.site} ${move.from!.process} today, so ${move.count} cannot be taken; here is all ${there} leaving.`,
      })}\n${text}`;
    const basis = [...paces].map(([at, p]) => localize(c.lang, paceWords(at, p)));
    if (basis.length > 0) text = `${text}\n${basis.join('\n')}`;
  } else {
    // Nothing the engines can weigh was read (people moved, a speed, items added or stopped): «what if the OCR comes back?»
    // is said not to be weighed, never answered with the projections of now as if they were the what-if's.
    text = `${localize(c.lang, NOT_WEIGHED)}\n${statusAnswer(series, c.tz, site, process)}`;
  }
  if (untilHm !== null && until !== null && until <= c.now && move) text = `${localize(c.lang, UNTIL_PAST)(untilHm)}\n${text}`;
  // The sites asked to give no one are said first, as a proposal says them.
  if (q.notFrom.length > 0 && situation && speedTo === null) text = `${localize(c.lang, LEFT_OUT)(joinNames(c.lang, q.notFrom))}\n${text}`;
  if (q.notWho.length > 0 && situation && speedTo === null)
    text = `${localize(c.lang, NOT_NAMED)(q.notWho.join(localize(c.lang, { ja: 'さん、', en: ', ' })))}\n${text}`;
  // Whose leaving was weighed, and the line it was placed on: today's assignment, said.
  if (leaving && 'query' in leaving && staffMoveOf(q, series)?.from) {
    const m = q.move as { from: string; process: string };
    const who = asked.operator.join(localize(c.lang, { ja: '、', en: ', ' }));
    text = `${localize(c.lang, { ja: `${who}さんは今日の配置で今 ${m.from} ${m.process}にいます。`, en: `${who}: on ${m.from} ${m.process} now, by today's assignment.` })}\n${text}`;
  }
  return { text, facts: text, knowhow: [site ?? '', process ?? ''] };
};
