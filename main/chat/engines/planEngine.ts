import { answerFromPlan } from '../query/answerFromPlan.js';
import { aheadDay } from '../query/aheadDay.js';
import type { Engine } from './askContext.js';
import { daySettled } from '../../plan/planStore.js';
import { localize, type Lang } from '../../api/localized.js';
import { monthDayFigure } from '../../api/figures.js';

/** A day's settled state in words: the company's assignments for it, a plan decided in Genba, or neither. */
function settledText(s: ReturnType<typeof daySettled>, day: string, lang: Lang): string {
  const md = monthDayFigure(day);
  if (s.decided)
    return localize(lang, {
      ja: `はい。${md}の配置計画は決定済みです（${s.decided.planId}）。`,
      en: `Yes. The staffing plan for ${md} has been decided (${s.decided.planId}).`,
    });
  if (s.assignments > 0)
    return localize(lang, {
      ja: `はい。${md}の配置は会社のデータに${s.assignments}件あります（Genbaで決定した計画はまだありません）。`,
      en: `Yes. The company's records hold ${s.assignments} assignments for ${md} (no plan has been decided in Genba yet).`,
    });
  if (s.open)
    return localize(lang, {
      ja: `いいえ。${md}の配置はまだ決まっていません（会社のデータに配置がなく、Genbaの計画 ${s.open} は承認待ちです）。`,
      en: `No. Nothing is set up for ${md} yet: the company's records hold no assignments for it, and Genba's plan ${s.open} is waiting for a decision.`,
    });
  return localize(lang, {
    ja: `いいえ。${md}の配置はまだ決まっていません（会社のデータに配置がなく、Genbaで決定した計画もありません）。以下はGenbaが作る場合の案で、保存していません。`,
    en: `No. Nothing is set up for ${md} yet: the company's records hold no assignments for it and no plan has been decided in Genba. Below is the plan Genba would make; it is not stored.`,
  });
}

/**
 * A day ahead, from its staffing plan: the work, the finish, who works where, overtime, and a plan under the manager's
 * conditions (「拠点間の移動なし」「物量が2割増えたら」). A plan is stored open for a decision only when the request asks
 * for one; a question about the day's figures is answered from the standing plan, or one worked out and kept nowhere.
 */
export const planEngine: Engine = async (q, c) => {
  c.onStage?.('optimize');
  const t0 = performance.now();
  const day = aheadDay(q.time, c.today) ?? undefined;
  // A request to plan (「明日の最適配置を提案して」) or for the day's plan itself (「明日の配置計画は？」「明日は誰が何を？」)
  // gets a plan to decide; a question about the day's figures (overtime, items, how many people) reads one and stores nothing.
  // Nothing is stored for a decision when the reading left an exclusion or a number of the request out.
  // Whether the day is settled is asked of what exists: nothing is made for a decision by asking it.
  // A count («how many are scheduled per site?») is a figure of the plan, whatever shape its answer takes: no card.
  const store =
    c.leftOut.length === 0 &&
    !q.asks.includes('settled') &&
    !q.asks.includes('count') &&
    (q.op === 'propose' || (q.measure === 'planned_staff' && (q.op === 'list' || q.op === 'status' || q.op === 'value')));
  const { plan, text } = await answerFromPlan({
    q,
    lang: c.lang,
    today: c.today,
    day,
    conditions: q.conditions,
    plan: (date, conditions) => c.deps.plan(date, conditions, store),
  });
  // Whether the day is set up («tomorrow's assignments are set up, right?», 「明日の配置は決まってる？」) is what is settled
  // for it, said first; the plan after it is one Genba would make, not one that exists.
  const settled = q.asks.includes('settled') && day !== undefined ? settledText(daySettled(c.db, day), day, c.lang) : null;
  // The standing plan, or the one this request made, is shown as its card; one worked out only to answer is not.
  return { text: settled ? `${settled}\n${text}` : text, ...(plan && !plan.unsaved ? { plan } : {}), optimizeMs: performance.now() - t0 };
};
