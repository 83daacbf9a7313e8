import type { AskQuery } from '../../api/askQuery.js';
import { asksWhichDays } from './splitOf.js';
import { isAhead } from './timeOf.js';
import { storeMeasureOf } from './measureSql.js';
import { MEASURES } from './measures.js';

/**
 * What a measure read from its words means beside the rest of the reading: a day gone, a person, a period asked or not.
 * Applied once, after the fields are read (parseQuery), so every engine gets the same query. `folded` is the question's
 * folded text (katakana as hiragana: 「ログ」 reads ろぐ).
 */
export function measureInContext(q: AskQuery, folded: string): AskQuery {
  const out = { ...q };
  // The days a line was late, over a period before now (「過去30日で札幌が遅れた日は？」), are the record of deadlines missed,
  // day by day: lateness of days gone is what answerQuery answers with that record too.
  if (
    (out.measure === 'slack' || out.measure === 'finish') &&
    out.time !== null &&
    !/^(?:now|today|last_hour|since_|by_|hours_)/.test(out.time) &&
    !isAhead(out.time) &&
    asksWhichDays(folded)
  ) {
    out.measure = 'missed_deadlines';
    out.by = 'day';
  }
  // Items expected or coming in a period ahead («how many items are expected next week?», "will come in November") are the
  // forecast's volume, not a staffing plan's items left over.
  if (
    out.measure === 'remaining' &&
    out.time !== null &&
    (isAhead(out.time) || /^(?:month_\d|dates?_|dom_|on_)/.test(out.time)) &&
    /\bexpect(?:ed|ing)?\b|\b(?:will|going to|gonna) (?:come|arrive|land)\b|\bcom(?:e|es|ing) in\b|来る|くる|届く|見込/.test(folded)
  )
    out.measure = 'forecast_volume';
  // People at work counted per business or process («how many people are on each business today», 「SSとレセ、何人ずつ？」):
  // attendance is kept per person, the work they are on by the day's assignments.
  if (out.measure === 'attendance' && (out.by === 'business' || out.by === 'process' || out.business.length > 1)) out.measure = 'planned_staff';
  // Who is doing a line, said in the present («大阪は誰がやってるの？», "who's doing it?"): today's assignments, not tomorrow's plan.
  if (
    out.measure === 'planned_staff' &&
    out.time === null &&
    /(?:やって|入って|つい)(?:る|ている|てる)|\b(?:who's|who is|who are) (?:doing|working|on)\b/.test(folded)
  )
    out.time = 'today';
  if (out.measure === 'skill' && out.operator.length > 0) Object.assign(out, personsSkills(out));
  // A state of the lines (late, at risk, done) is no filter of people's records: 「遅れずに出勤」 is about people.
  if (out.status !== null && out.measure !== null && MEASURES[out.measure].source.kind === 'planning') out.status = null;
  // More or fewer people at fault than usual («do Mondays have more no-shows?», 「欠勤増えてる？」) compares: no yes or no on
  // whether anyone is (faultVerdict.ts) answers it, so it is their figures.
  if (out.op === 'check' && storeMeasureOf(out.measure)?.fault && /\b(?:more|fewer|less|higher|lower|worse|better)\b|多い|少ない|増え|減っ|減り/.test(folded))
    out.op = 'value';
  // Whether a place is the worst or best of them («osaka is our worst site for deadlines right?», 「一番遅れてるのは大阪？」)
  // asks a ranking: a yes or no on that place alone cannot say it. Every site's figure is shown, none said to be first.
  if (
    out.op === 'check' &&
    out.site.length === 1 &&
    /\b(?:worst|best|most|least|highest|lowest|biggest|smallest|slowest|fastest)\b|一番|いちばん|最も|最悪|ワースト/.test(folded)
  ) {
    out.op = 'value';
    out.site = [];
    out.by = 'site';
  }
  // Whether a deadline is made or missed («gonna make the 4pm cutoff?», 「納期に間に合う？」) is the slack, not the deadline's time.
  if (out.op === 'check' && out.measure === 'deadline' && /\bmak(?:e|es|ing)\b|\bmiss|間に合|まにあ/.test(folded)) out.measure = 'slack';
  // So is whether the pace now makes it («今のペースで間に合う？» "at this pace will we make it?"): the pace is the premise.
  if (out.op === 'check' && out.measure === 'speed' && /間に合|まにあ|\bmake (?:it|the deadline|the cutoff)\b|\bon time\b|\bin time\b/.test(folded))
    out.measure = 'slack';
  // A ranking of skills or experience is of people («一番経験長いのは？»), unless it is asked per site or process: one site
  // ranked alone is no ranking.
  if (out.measure === 'skill' && out.op === 'rank' && out.operator.length === 0 && (out.by === null || (out.by === 'site' && out.site.length <= 1)))
    out.by = 'operator';
  // What happened on a day gone, with no kind of trouble named («what happened on the 1st?», 「14日は何があったの？」), is
  // the day's record (its missed deadlines, work against the usual, overtime, log incidents), not its log incidents alone.
  if (
    out.measure === 'incidents' &&
    out.op === 'value' &&
    out.time !== null &&
    /^(?:dom_\d{2}_past|date_|past_|ago_|yesterday$)/.test(out.time) &&
    /what happened|what went wrong|go(?:es)? wrong|何があった|何が起き/.test(folded) &&
    !/障害|incident|error|えらー|outage|trouble|落ち|ろぐ|\blogs?\b/.test(folded)
  ) {
    out.op = 'status';
    out.measure = null;
  }
  // When trouble happened, with no period named («when was the Sasebo network trouble?», 「障害はいつ？」), is looked for
  // over the last 7 days (the raw lines a laptop keeps), not the last hours only: «no incident» of 6 hours is no answer to
  // when. «Since when» (「いつから」) asks how long something still going has lasted: its own start answers it.
  if (out.measure === 'incidents' && out.time === null && /\bwhen (?:was|were|did|is|does)\b|いつ(?!から)/.test(folded)) out.time = 'last_7d';
  // A person's speed is the operator measure: the floor's speed is recorded per series, not per person («the slowest
  // operators», 「速いオペレーター」).
  if (out.measure === 'speed' && (out.by === 'operator' || out.operator.length > 0)) out.measure = 'operator_speed';
  return out;
}

/**
 * The skills of people named are theirs wherever they work: a site beside them («can 竹下 go to Sapporo?», a follow-up's
 * «その人、札幌に出せる？») is where they may go, not a filter that leaves none. One person's skill is a level per process
 * (「上野さんのスキルは？」): an average over their processes is no level of theirs. Read here of a question; the store's
 * answer reads the site of a follow-up, whose people come from the turn before (`site` only: a query made whole, as the
 * semantic model makes them, keeps the split it asks).
 */
export function personsSkills(q: AskQuery, o: { siteOnly?: boolean } = {}): AskQuery {
  const one = !o.siteOnly && q.operator.length === 1 && q.process.length === 0 && (q.by === null || q.by === 'operator');
  return { ...q, site: [], ...(one ? { by: 'process' as const } : {}) };
}
