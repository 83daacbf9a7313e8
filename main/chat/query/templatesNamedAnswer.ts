import { localize, type Lang } from '../../api/localized.js';
import { when } from '../textTz.js';
import type { NamedTemplate } from './templatesNamed.js';

const TEXT = {
  ja: {
    head: '質問の言葉を含むログのテンプレート:',
    one: (t: NamedTemplate, first: string, last: string, window: string) =>
      `- 「${t.template}」: ${window}${t.inWindow.toLocaleString('en-US')}行。記録全体で${t.lines.toLocaleString('en-US')}行（うちエラー${t.errors.toLocaleString('en-US')}行）、最初 ${first}、最後 ${last}`,
    hosts: (list: string) => `  ホスト: ${list}`,
    host: (h: string, n: number, site: string | null) => `${h}${site ? `（${site}）` : '（全拠点で共有）'} ${n.toLocaleString('en-US')}行`,
    kept: (from: string) => `ログは ${from} から保存されています（それより前に出ていたかは分かりません）。`,
    meaning: 'エラーの意味や原因は記録にありません。上はログに出た文面と件数です。',
  },
  en: {
    head: 'Log templates holding the words of your question:',
    one: (t: NamedTemplate, first: string, last: string, window: string) =>
      `- "${t.template}": ${t.inWindow.toLocaleString('en-US')} lines ${window}; ${t.lines.toLocaleString('en-US')} lines in all the records (${t.errors.toLocaleString('en-US')} errors), first ${first}, last ${last}`,
    hosts: (list: string) => `  Hosts: ${list}`,
    host: (h: string, n: number, site: string | null) => `${h}${site ? ` (${site})` : ' (shared by every site)'} ${n.toLocaleString('en-US')}`,
    kept: (from: string) => `The logs are kept from ${from} (whether it appeared before then is not known).`,
    meaning: 'What the error means or why it happens is not in the records: above is the text the logs show, and how often.',
  },
};

/**
 * The log templates a question names («what's the policy_no error about?», "is the TLS cert error new? only Sapporo?"): each
 * with its lines in the window asked, over the records, when it first and last appeared, and the hosts with their sites
 * (a shared host said so). Since when the logs are kept is said, so that «first seen» is not read as «new» beyond it.
 */
export function templatesNamedAnswer(
  named: readonly NamedTemplate[],
  o: { lang: Lang; timeZone: string; windowLabel: string; logsFrom: number | null; siteOfHost: (host: string) => string | null },
): string {
  const t = localize(o.lang, TEXT);
  // Dates in full: a first appearance is read against the days the logs are kept.
  const at = (ms: number): string => when(ms, { lang: o.lang, timeZone: o.timeZone, dayStart: Number.POSITIVE_INFINITY });
  const sep = localize(o.lang, { ja: '、', en: ', ' });
  const lines = [t.head];
  for (const n of named) {
    lines.push(t.one(n, at(n.firstSeen), at(n.lastSeen), o.windowLabel));
    lines.push(t.hosts(n.hosts.map((h) => t.host(h.host, h.lines, o.siteOfHost(h.host))).join(sep)));
  }
  if (o.logsFrom !== null) lines.push(t.kept(at(o.logsFrom)));
  lines.push(t.meaning);
  return lines.join('\n');
}
