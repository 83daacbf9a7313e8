import { count, plural } from '../api/englishCount.js';
import type { Localized } from '../api/localized.js';
import type { Lang } from '../api/types.js';
import { speedFigure as sp } from '../api/figures.js';

/** Figures are shown with at most one decimal, so the answer guard can compare them as text. */
export const fig = (n: number): string => String(Math.round(n * 10) / 10);

/** What the reason of one moved operator is built from; `spareLeft` null: the donor has no open work. */
export interface OperatorReasonFacts {
  process: string;
  skill: number;
  experienceMonths: number;
  perHour: number;
  from: string;
  to: string;
  km: number | null;
  mainProcess: string;
  spareLeft: number | null;
  preferredMonths: number;
}

export interface ProposalReasonFacts {
  site: string;
  process: string;
  /** The business as the overview names it (businessLabel): SS, else 業務523201. */
  business: Localized;
  remaining: number;
  /** Negative once the deadline has passed. */
  minutesLeft: number;
  deadline: string;
  speed: number;
  /** The speed the rest needs from now to the deadline, as the overview shows it (null past the deadline). */
  requiredNowPerMinute: number | null;
  /** The speed the rest needs once the moved people have switched over (switchMinutes): what the move must reach. */
  requiredPerMinute: number;
  switchMinutes: number;
  deficit: number;
  neededByRate: number;
  /** Set when the policy asks for more people than speed alone needs. */
  policy: { withinMinutes: number; minMoves: number } | null;
  /** Null when no finish can be projected. */
  outcome: { moves: number; finish: string; minutesLate: number | null } | null;
}

interface PlacementTexts {
  operatorReason(f: OperatorReasonFacts): string;
  proposalReason(f: ProposalReasonFacts): string;
  shortOfSpareOperators(f: { process: string; minSkill: number; candidates: number; usable: number; covered: number; deficit: number }): string;
  shortOfPolicy(f: { minMoves: number; moves: number }): string;
  /** Leads the reason when the manager said how many to move: that many, and the policy's minimum when it asks more. */
  asked(f: { count: number; minMoves: number; withinMinutes: number }): string;
  /** When fewer qualified people can be spared than the manager asked for. */
  shortOfAsked(f: { count: number; moves: number }): string;
  /** Follows the reason when the optimizer stopped at its node limit with moves in hand. */
  notProvenBest: string;
  /** Ends the answer when nobody qualified can be spared: there is no card to approve. */
  nobodyToMove: string;
}

const late = (m: number | null): boolean => m !== null && m > 0;

/**
 * The placement engine's sentences, one entry per language. The engine computes; these
 * only word the figures it hands over, so a language is added here without touching it.
 */
export const placementTexts: Record<Lang, PlacementTexts> = {
  ja: {
    operatorReason: (f) =>
      `${f.process} レベル${f.skill}・経験${f.experienceMonths}か月・1時間に${sp(f.perHour)}件。` +
      `${f.from}${f.km !== null ? `（${f.to}から${f.km}km）` : ''}は` +
      (f.spareLeft === null
        ? `${f.mainProcess}に残作業がなく、移動しても影響がありません。`
        : `移動後も${f.mainProcess}の納期に間に合います（余力 毎分${sp(f.spareLeft)}件）。`) +
      (f.experienceMonths < f.preferredMonths ? `経験${f.preferredMonths}か月未満のため優先度は下がります。` : ''),
    proposalReason: (f) => {
      const left = f.minutesLeft >= 0 ? `納期${f.deadline}まで${f.minutesLeft}分です` : `納期${f.deadline}を${-f.minutesLeft}分過ぎています`;
      const policy = f.policy ? `が、納期${f.policy.withinMinutes}分前以内のため方針により${f.policy.minMoves}名以上を移動します。` : '。';
      const o = f.outcome;
      const outcome = o
        ? `${o.moves}名の移動で完了見込みは${o.finish}（${late(o.minutesLate) ? `納期に${o.minutesLate}分遅れ` : `納期の${Math.abs(o.minutesLate ?? 0)}分前`}）です。`
        : '';
      return (
        `${f.site} ${f.process}（${f.business.ja}）は残り${f.remaining}件、${left}。` +
        `現在の速度は毎分${sp(f.speed)}件、${f.requiredNowPerMinute === null ? '' : `今から納期までに必要な速度は毎分${sp(f.requiredNowPerMinute)}件、`}` +
        `移動の切替${fig(f.switchMinutes)}分の後には毎分${sp(f.requiredPerMinute)}件が必要で、毎分${sp(f.deficit)}件不足しています。速度の上では${f.neededByRate}名で足ります${policy}${outcome}`
      );
    },
    shortOfSpareOperators: (f) =>
      `他拠点で${f.process}レベル${f.minSkill}以上の${f.candidates}名のうち、自拠点の納期を守ったまま移動できるのは${f.usable}名で、` +
      `不足の毎分${sp(f.deficit)}件のうち毎分${sp(f.covered)}件しか補えません。`,
    shortOfPolicy: (f) => `方針では${f.minMoves}名以上ですが、移動できる有資格者は${f.moves}名だけです。`,
    asked: (f) =>
      `指示どおり${f.count}名で提案します` + (f.count < f.minMoves ? `（方針では納期${f.withinMinutes}分前以内は${f.minMoves}名以上です）。` : '。'),
    shortOfAsked: (f) => `指示は${f.count}名ですが、移動できる有資格者は${f.moves}名だけです。`,
    notProvenBest: '最適化が探索の上限で止まったため、この案は見つかった中での最善で、最善とは証明されていません。',
    nobodyToMove: '移動できる人がいないため、承認する提案はありません。',
  },
  en: {
    operatorReason: (f) =>
      `${f.process} level ${f.skill}, ${count(f.experienceMonths, 'month')}, ${sp(f.perHour)} items/hour. ` +
      `${f.from}${f.km !== null ? ` (${f.km} km from ${f.to})` : ''} ` +
      (f.spareLeft === null ? `has no open work on ${f.mainProcess}.` : `still meets its ${f.mainProcess} deadline (spare ${sp(f.spareLeft)} items/min).`) +
      (f.experienceMonths < f.preferredMonths ? ` Less than ${count(f.preferredMonths, 'month')}, so lower priority.` : ''),
    proposalReason: (f) => {
      const left =
        f.minutesLeft >= 0
          ? `${count(f.minutesLeft, 'minute')} to its ${f.deadline} deadline`
          : `is ${count(-f.minutesLeft, 'minute')} past its ${f.deadline} deadline`;
      const policy = f.policy ? `, but within ${count(f.policy.withinMinutes, 'minute')} of the deadline the policy moves at least ${f.policy.minMoves}.` : '.';
      const o = f.outcome;
      const outcome = o
        ? ` With ${o.moves} moved, the projected finish is ${o.finish} ` +
          `(${late(o.minutesLate) ? `${o.minutesLate} min after` : `${Math.abs(o.minutesLate ?? 0)} min before`} the deadline).`
        : '';
      return (
        `${f.site} ${f.process} (${f.business.en}) has ${count(f.remaining, 'item')} left and ${left}. ` +
        `It runs at ${sp(f.speed)} items/min${f.requiredNowPerMinute === null ? '' : `, needs ${sp(f.requiredNowPerMinute)} from now to the deadline`}, ` +
        `and ${sp(f.requiredPerMinute)} after the move's ${fig(f.switchMinutes)}-minute switch-over: ` +
        `${sp(f.deficit)} items/min short. By speed alone ${count(f.neededByRate, 'person', 'people')} ${plural(f.neededByRate, 'is', 'are')} enough${policy}${outcome}`
      );
    },
    shortOfSpareOperators: (f) =>
      `Of ${count(f.candidates, 'operator')} elsewhere at ${f.process} level ${f.minSkill}+, only ${f.usable} can be spared without their own site ` +
      `missing a deadline; they cover ${sp(f.covered)} of the ${sp(f.deficit)} items/min short.`,
    shortOfPolicy: (f) => `The policy asks for ${f.minMoves}, but only ${count(f.moves, 'qualified operator')} can be spared.`,
    asked: (f) =>
      `${count(f.count, 'person', 'people')} as you asked` +
      (f.count < f.minMoves ? ` (the policy asks for at least ${f.minMoves} within ${f.withinMinutes} minutes of the deadline). ` : '. '),
    shortOfAsked: (f) => `You asked for ${f.count}, but only ${count(f.moves, 'qualified operator')} can be spared.`,
    notProvenBest: ' The optimizer stopped at its search limit: this is the best plan it found, not proven the best.',
    nobodyToMove: 'Nobody can be moved, so there is no proposal to approve.',
  },
};
