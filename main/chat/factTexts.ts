import { businessLabel, type BusinessNames } from '../api/businessLabel.js';
import { count, plural } from '../api/englishCount.js';
import { localize, type Lang, type Localized } from '../api/localized.js';
import { formatHm, wallClock } from '../config/zonedTime.js';
import type { correctionWaiting, decisionsSince, headcount, openProposals, qualifiedOperators } from './storeFacts.js';

/** The answers of simple questions (counts, lists, the last sync), in each language: numbers from SQL only. */

/** `dayStart`: the start of today; earlier instants are written with their date. */
export type Tz = { lang: Lang; timeZone: string; dayStart?: number };
/** With the businesses' names (id → name): a line about a process names its business as the overview does (businessLabel). */
export type NamedTz = Tz & { businessNames: BusinessNames };

/** "13:50" today, "10/22 13:50" on an earlier day. */
export function when(t: number, o: Tz): string {
  if (o.dayStart === undefined || t >= o.dayStart) return formatHm(t, o.timeZone);
  const w = wallClock(t, o.timeZone);
  return `${w.month}/${w.day} ${formatHm(t, o.timeZone)}`;
}

export function correctionAnswer(rows: ReturnType<typeof correctionWaiting>, o: NamedTz, site: string | null): string {
  if (rows.length === 0)
    return localize(o.lang, { ja: `${site ?? '全拠点'}の今日の補正待ちのデータがありません。`, en: `No correction data today${site ? ` for ${site}` : ''}.` });
  const total = rows.reduce((n, r) => n + r.waiting, 0);
  const at = when(Math.max(...rows.map((r) => r.at)), o);
  const head = localize(o.lang, {
    ja: `${site ?? '全拠点'}の補正待ちは合計${total}件です（${at}時点）。`,
    en: `${count(total, 'item')} ${plural(total, 'waits', 'wait')} for correction${site ? ` in ${site}` : ''} (as of ${at}).`,
  });
  const lines = rows
    .filter((r) => r.waiting > 0)
    .slice(0, 8)
    .map((r) => {
      const business = businessLabel(o.businessNames, r.businessId);
      return localize(o.lang, {
        ja: `- ${r.site} ${r.process}（${business.ja}）: ${r.waiting}件`,
        en: `- ${r.site} ${r.process} (${business.en}): ${r.waiting}`,
      });
    });
  return [head, ...lines].join('\n');
}

export function qualifiedAnswer(site: string, process: string, minSkill: number, q: ReturnType<typeof qualifiedOperators>, o: Tz): string {
  const names = q.qualified.slice(0, 10).map((x) => localize(o.lang, { ja: `${x.name}（スキル${x.skill}）`, en: `${x.name} (skill ${x.skill})` }));
  const more = q.qualified.length > 10 ? localize(o.lang, { ja: ` ほか${q.qualified.length - 10}名`, en: ` and ${q.qualified.length - 10} more` }) : '';
  return localize(o.lang, {
    ja: `${site}で${process}ができる人（スキル${minSkill}以上・有効）は${q.qualified.length}名です${names.length ? `: ${names.join('、')}${more}` : ''}。（${site}の登録${q.registered}名、うち有効${q.valid}名）`,
    en: `${count(q.qualified.length, 'valid operator')} in ${site} can do ${process} at skill ${minSkill} or more${names.length ? `: ${names.join(', ')}${more}` : ''}. (${site}: ${q.registered} registered, ${q.valid} valid)`,
  });
}

export function proposalsAnswer(open: ReturnType<typeof openProposals>, o: Tz): string {
  if (open.length === 0) return localize(o.lang, { ja: '承認待ちの提案はありません。', en: 'No proposal is waiting for a decision.' });
  const head = localize(o.lang, {
    ja: `承認待ちの提案は${open.length}件です。`,
    en: `${count(open.length, 'proposal')} ${plural(open.length, 'waits', 'wait')} for a decision.`,
  });
  const line = (p: (typeof open)[number]): string => {
    const at = formatHm(p.createdAt, o.timeZone);
    return localize(o.lang, { ja: `- ${p.id}（${at}）「${p.question}」`, en: `- ${p.id} (${at}) "${p.question}"` });
  };
  return [head, ...open.slice(0, 8).map(line)].join('\n');
}

const DECISION_NAMES: Localized<Record<ReturnType<typeof decisionsSince>[number]['status'], string>> = {
  ja: { approved: '承認', rejected: '却下', modified: '一部承認' },
  en: { approved: 'approved', rejected: 'rejected', modified: 'partly approved' },
};

/** The decisions since the start of the window asked for (today by default). */
export function decisionsAnswer(rows: ReturnType<typeof decisionsSince>, o: Tz, words: Localized): string {
  if (rows.length === 0) return localize(o.lang, { ja: `${words.ja}決定した提案はありません。`, en: `No proposal was decided ${words.en}.` });
  const name = localize(o.lang, DECISION_NAMES);
  const head = localize(o.lang, {
    ja: `${words.ja}決定した提案は${rows.length}件です。`,
    en: `${count(rows.length, 'proposal')} ${plural(rows.length, 'was', 'were')} decided ${words.en}.`,
  });
  return [
    head,
    ...rows.slice(0, 8).map((r) =>
      localize(o.lang, {
        ja: `- ${when(r.decidedAt, o)} ${name[r.status]}: ${r.site} ${r.process}へ${r.moves}名（${r.id}）`,
        en: `- ${when(r.decidedAt, o)} ${name[r.status]}: ${r.moves} to ${r.site} ${r.process} (${r.id})`,
      }),
    ),
  ].join('\n');
}

/** A site's headcount: registered, valid, and per process how many valid people have the skill. */
export function headcountAnswer(site: string, h: ReturnType<typeof headcount>, minSkill: number, o: Tz): string {
  const per = h.byProcess
    .map((p) => localize(o.lang, { ja: `${p.process} ${p.qualified}名`, en: `${p.process} ${p.qualified}` }))
    .join(localize(o.lang, { ja: '、', en: ', ' }));
  return localize(o.lang, {
    ja: `${site}の登録人数は${h.registered}名、うち有効（配置できる）${h.valid}名です。${per ? `\n工程別のスキル${minSkill}以上: ${per}` : ''}`,
    en: `${site} has ${count(h.registered, 'person', 'people')} registered, ${h.valid} of them valid (can be placed).${per ? `\nSkill ${minSkill} or more per process: ${per}` : ''}`,
  });
}

export function syncAnswer(lastSync: number | null, o: Tz): string {
  if (lastSync === null) return localize(o.lang, { ja: 'まだ同期していません。', en: 'No sync has run yet.' });
  const at = formatHm(lastSync, o.timeZone);
  return localize(o.lang, { ja: `最後に同期したのは${at}です。`, en: `The last sync finished at ${at}.` });
}
