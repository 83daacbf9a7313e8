import { placementSituation } from '../../placement/placementSituation.js';
import { proposePlacement } from '../../placement/proposePlacement.js';
import { clarifyQuestion, lateProcessRequest, noProgressTodayAnswer, onTrackAnswer, progressLine } from '../answerTexts.js';
import { joinNames, localize } from '../../api/localized.js';
import { approvedMovesText } from '../../placement/approvedMoves.js';
import { rejectedMovesText, rejectedMovesToday } from '../../placement/rejectedMoves.js';
import type { Engine } from './askContext.js';

/** Said first when the manager named where people come from: only their people were weighed. */
/** Said first when the manager left people out by name: no proposal holds them. */
export const NOT_NAMED = {
  ja: (people: string) => `${people}さんは除いて探しました。`,
  en: (people: string) => `${people} left out, as asked.`,
};

export const ONLY_FROM = {
  ja: (sites: string) => `${sites}の人だけから探しました。`,
  en: (sites: string) => `Only people from ${sites} were considered, as asked.`,
};

/** Said first when the manager asked that some sites give no one: the search was made without them (a proposal, a what-if). */
export const LEFT_OUT = {
  ja: (sites: string) => `${sites}からは人を出さない条件で探しました。`,
  en: (sites: string) => `People from ${sites} were left out, as asked.`,
};

const REJECTED = {
  ja: (what: string) => `${what}の人は除いて探しました。`,
  en: (what: string) => `${what.charAt(0).toUpperCase()}${what.slice(1)} was left out: its people are not proposed again.`,
};

const REJECTED_AGAIN = {
  ja: (what: string) => `${what}の人のほかに移せる人がいないため、同じ人をもう一度提案します。`,
  en: (what: string) => `No one else can be moved, so the people of ${what} are proposed again.`,
};

/** A rejection's reason is shown, not read: what it asks is not a condition of the new proposal. */
const REASON_NOT_READ = {
  ja: (site: string) => `却下の理由は条件として読み取っていません（拠点を除くには「${site}以外から」のように指示してください）。`,
  en: (site: string) => `The reason is not read as a condition (to leave a site out, ask for example “not from ${site}”).`,
};

const NOTHING_MORE = {
  ja: '承認済みの移動で納期に間に合う見込みのため、追加の移動は提案しません。',
  en: 'The moves approved today are projected to meet the deadline, so no further move is proposed.',
};

/**
 * A staff move proposal for a late process now: the optimizer's moves, stored as a card to decide (the only engine that
 * stores a proposal, and only for a request to propose). A request without its target asks back with the candidates.
 */
export const proposeEngine: Engine = async (q, c) => {
  c.onStage?.('data');
  const all = c.series();
  const business = q.business[0] ?? null;
  const troubled = all.filter(
    (p) =>
      (p.status === 'late' || p.status === 'at_risk') &&
      (q.process.length === 0 || q.process.includes(p.process)) &&
      (q.site.length === 0 || q.site.includes(p.site)) &&
      (business === null || p.businessId === business),
  );
  // Only the site that sends named («盛岡から誰なら出せる？»), and one line of the floor late or at risk elsewhere: that is the
  // line helped; asking back would offer it alone.
  const helped = q.from.length > 0 ? troubled.filter((p) => !q.from.includes(p.site)) : [];
  // A move ordered to a line («move 2 from Osaka verification to entry 1») helps that line, not another one late elsewhere.
  const ordered = q.move && 'count' in q.move && q.move.to ? q.move : null;
  const site = ordered?.to ?? q.site[0] ?? (helped.length === 1 ? helped[0]!.site : null);
  const atSite = troubled.filter((p) => p.site === site);
  const process = (ordered ? ordered.process : null) ?? q.process[0] ?? (site !== null && atSite.length === 1 ? atSite[0]!.process : null);
  if (site === null || process === null) {
    // A move needs a target: ask back with the candidates instead of guessing.
    const shown = troubled.length > 0 ? troubled : all.filter((p) => p.status !== 'done' && (site === null || p.site === site)).slice(0, 6);
    const options = shown.map((p) => ({ label: progressLine(p, c.tz), ask: lateProcessRequest(p, c.tz) }));
    const question = clarifyQuestion(site === null ? 'site' : 'process', c.tz);
    return { text: [question, ...options.map((x) => `- ${x.label}`)].join('\n'), clarify: options.length > 0 ? { question, options } : null };
  }
  // A proposal rejected today for this work is a decision too: its people are left out, and the answer says so.
  const rejected = rejectedMovesToday(c.db, { site, process, businessId: business }, { now: c.now, timeZone: c.cfg.timeZone });
  const notWho = rejected.flatMap((r) => r.operators.map((op) => op.id));
  const situationOf = (without: readonly number[]) =>
    placementSituation(
      c.db,
      c.situationOptions,
      { site, process, businessId: business, notFrom: q.notFrom, onlyFrom: q.from, notNamed: q.notWho, notWho: without },
      c.overview(),
    );
  let situation = situationOf(notWho);
  if (!situation) return { text: noProgressTodayAnswer(site, process, c.tz) };
  c.onStage?.('optimize');
  // A count the manager gave (「3人回して」) is the proposal's size.
  const options = { ...c.proposeOptions, count: q.move && 'count' in q.move ? q.move.count : null };
  let result = await proposePlacement(situation, options);
  let rejectedNote = '';
  if (rejected.length > 0) {
    const what = localize(c.lang, rejectedMovesText(rejected, c.cfg.timeZone));
    const given = rejected.find((r) => r.reason && r.operators.length > 0);
    rejectedNote =
      localize(c.lang, REJECTED)(what) + (given ? localize(c.lang, { ja: '', en: ' ' }) + localize(c.lang, REASON_NOT_READ)(given.operators[0]!.from) : '');
    if (!result.proposal) {
      // Only the rejected people could help: proposed again, and said so, rather than nothing.
      const again = situationOf([]);
      const retried = again ? await proposePlacement(again, options) : null;
      if (again && retried?.proposal) {
        [situation, result] = [again, retried];
        rejectedNote = localize(c.lang, REJECTED_AGAIN)(what);
      }
    }
  }
  const words = {
    knowhow: [site, process, '納期 遅延 移動 経験 近隣拠点から'],
    situationWords: `納期${result.facts.minutesLeft}分前`,
    optimizeMs: result.optimizeMs,
  };
  // The sites the manager asked not to take from are said first: the proposal was made without them.
  const leftOut = [
    q.from.length > 0 ? localize(c.lang, ONLY_FROM)(joinNames(c.lang, q.from)) : '',
    q.notFrom.length > 0 ? localize(c.lang, LEFT_OUT)(joinNames(c.lang, q.notFrom)) : '',
    q.notWho.length > 0 ? localize(c.lang, NOT_NAMED)(q.notWho.join(localize(c.lang, { ja: 'さん、', en: ', ' }))) : '',
  ]
    .filter(Boolean)
    .join('\n');
  if (result.proposal) return { text: [leftOut, rejectedNote].filter(Boolean).join('\n'), proposal: result.proposal, ...words };
  if (result.nobodyToMove) {
    const text = [leftOut, rejectedNote, result.nobodyToMove].filter(Boolean).join('\n');
    return { text, facts: text, ...words };
  }
  // Moves approved today already cover it: what was decided, promised against measured, and that nothing more is needed.
  if (situation.approved.length > 0) {
    const text = [localize(c.lang, approvedMovesText(situation.approved, c.cfg.timeZone)), localize(c.lang, NOTHING_MORE)].join('\n');
    return { text, facts: text, saysDecisions: true, ...words };
  }
  const text = onTrackAnswer(situation.target, c.tz);
  return { text, facts: progressLine(situation.target, c.tz), ...words };
};
