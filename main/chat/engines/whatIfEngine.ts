import type { ProcessProgress } from '../../api/types.js';
import { moveImpact } from '../../placement/moveImpact.js';
import { moveWhatIf } from '../../placement/moveWhatIf.js';
import { placementSituation } from '../../placement/placementSituation.js';
import { impactAnswer } from '../analysisTexts.js';
import { statusAnswer } from '../answerTexts.js';
import { staffMoveOf } from '../moveRequest.js';
import { personPace, type PersonPace } from '../personPace.js';
import type { MoveSide } from '../../placement/moveImpact.js';
import { whatIfAnswer } from '../whatIfTexts.js';
import type { Engine } from './askContext.js';
import { LEFT_OUT, NOT_NAMED } from './proposeEngine.js';
import { localize, type Localized } from '../../api/localized.js';
import { speedFigure as sp } from '../../api/figures.js';

/** The business a change of speed is about: of the site and process named, the latest (as a proposal picks its target). */
function latestOf(series: readonly ProcessProgress[], site: string | null, process: string | null): ProcessProgress | null {
  const open = series.filter((p) => p.status !== 'done' && (site === null || p.site === site) && (process === null || p.process === process));
  return open.sort((a, b) => (b.minutesLate ?? -Infinity) - (a.minutesLate ?? -Infinity))[0] ?? null;
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

/**
 * A what-if of today: people joining a business, or its speed becoming a figure, projected on the proposal's model
 * (moveWhatIf); people only taken away or added without a source, at the line's pace per person today (personPace.ts). Nothing is stored.
 */
export const whatIfEngine: Engine = async (q, c) => {
  c.onStage?.('data');
  const series = c.series();
  const site = q.site[0] ?? (q.move && 'count' in q.move ? (q.move.to ?? null) : null);
  const process = q.process[0] ?? (q.move && 'count' in q.move ? (q.move.process ?? null) : null);
  const speedTo = q.move && 'speed' in q.move ? q.move.speed : null;
  // The move is the query's (how many, from, to, the process): the same reading every engine and the restatement see.
  const move = speedTo === null ? staffMoveOf(q, series) : null;
  // A move between two businesses of one site is weighed on both sides' speeds (moveImpact), not as help from elsewhere.
  const at = speedTo !== null ? latestOf(series, site, process) : move?.from?.businessId ? null : (move?.to ?? null);
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
  } else if (move) {
    // Each side's pace per person: today's speed over today's people where both are known (personPace.ts), said with it.
    const paces = new Map<MoveSide, PersonPace>();
    const pace = (at: MoveSide): number => {
      const p = paces.get(at) ?? personPace(c.db, series, at, c.now, c.cfg.timeZone);
      paces.set(at, p);
      return p.perMinute;
    };
    text = impactAnswer(move, moveImpact(series, move, pace, c.cfg.overview.atRiskSlackMinutes), c.tz);
    const basis = [...paces].map(([at, p]) => localize(c.lang, paceWords(at, p)));
    if (basis.length > 0) text = `${text}\n${basis.join('\n')}`;
  } else text = statusAnswer(series, c.tz, site, process);
  // The sites asked to give no one are said first, as a proposal says them.
  if (q.notFrom.length > 0 && situation && speedTo === null)
    text = `${localize(c.lang, LEFT_OUT)(q.notFrom.join(localize(c.lang, { ja: '・', en: ', ' })))}\n${text}`;
  if (q.notWho.length > 0 && situation && speedTo === null)
    text = `${localize(c.lang, NOT_NAMED)(q.notWho.join(localize(c.lang, { ja: 'さん、', en: ', ' })))}\n${text}`;
  return { text, facts: text, knowhow: [site ?? '', process ?? ''] };
};
