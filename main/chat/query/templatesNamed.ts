import type Database from 'better-sqlite3';
import { foldForCues } from '../foldForCues.js';
import { FUNCTION_WORDS_EN, FUNCTION_WORDS_JA } from './functionWords.js';
import { blanked, type NamedInText } from './queryNames.js';
import { isEnglish } from './typoWords.js';
import { vocabularyPhrases } from './vocabularyPhrases.js';

/** A log template the question's own words name, with its lines in the question's window and over the records. */
export interface NamedTemplate {
  id: number;
  template: string;
  /** Lines and error lines over every day kept. */
  lines: number;
  errors: number;
  firstSeen: number;
  lastSeen: number;
  /** Lines in the window asked about. */
  inWindow: number;
  /** Hosts that logged it, most lines first. */
  hosts: { host: string; lines: number }[];
}

/**
 * Words of a question that may name a log's text: Latin words and codes («policy_no», «tls», «cert», «ss-v7») and runs of
 * kanji or katakana (「帳票定義」「証明書」), function words apart. Words of four letters or more also name a longer word they
 * start («cert» for «certificate»).
 */
const WORDS = /[a-z][a-z0-9_]*(?:-[a-z0-9_]+)*|[\p{Script=Han}\p{Script=Katakana}ー]{2,}/gu;
/** Words quoted from a log («'Connection pool exhausted'», 「入力データを保存しました」): they name its templates. */
const QUOTED = /['"“‘「『]([^'"”’」』]{6,80})['"”’」』]/;

/** Whether a question quotes a log's words: its templates are named whatever the reading (sideAnswer.ts). */
export const quotesLog = (question: string): boolean => QUOTED.test(question);

/** Width and case folded, kana kept: katakana words («エラー», 「データベース」) stay words of their own. */
const fold = (s: string): string => s.normalize('NFKC').toLowerCase();

/** Words every log speaks and no question names a template by. */
const GENERIC = new Set([
  ...['error', 'errors', 'failed', 'failure', 'fail', 'warning', 'warn', 'log', 'logs', 'line', 'lines', 'thing', 'issue', 'about', 'again'],
  ...['what', 'whats', 'mean', 'means', 'today', 'yesterday', 'since', 'when', 'where', 'which', 'why', 'still', 'new', 'only'],
  ...['エラー', 'ログ', '失敗', '警告', '障害', '異常', '発生', '原因', '意味', '今日', '昨日', '今朝', '件数', '何件', '何回', '回数'],
  ...['データ', 'システム', 'サーバー', 'サーバ'],
]);

/**
 * Whether a word may name a template by itself: a code («policy_no», «ss-v7», «e1042»), or a word that is neither English
 * nor the vocabulary's («tls», 「生年月日」). An English word («status», «entry», «policy») or a word of the floor («残業») is
 * how managers ask about anything, and named a template by chance.
 */
function ownWord(w: string): boolean {
  if (/[a-z]/.test(w) && /[\d_]/.test(w)) return true;
  const folded = foldForCues(w);
  if (vocabularyPhrases().some((v) => (/^[a-z]/.test(w) ? v.split(/[\s-]+/).includes(folded) : v.includes(folded) || folded.includes(v)))) return false;
  return /^[a-z]/.test(w) ? !isEnglish(w) : w.length >= 3;
}

/**
 * The log templates a question names by words of their own text («what's the policy_no error about?», "is the TLS cert
 * error new?"): a word counts when it may name one (ownWord) and few templates hold it (two at most). The question's names
 * (sites, hosts, people) are left out: «Sasebo» is in «sasebo-gw» and names the site. Templates are ranked by the words
 * they hold, then by lines; words quoted from a log name the templates that hold them. `window`: the span asked about.
 */
export function templatesNamed(db: Database.Database, found: NamedInText, window: { from: number; to: number }): NamedTemplate[] {
  const question = blanked(found.text, [found.sites, found.processes, found.businesses, found.operators, found.services, found.hosts].flat());
  const words = [...new Set(fold(question).match(WORDS) ?? [])].filter(
    (w) => !GENERIC.has(w) && !FUNCTION_WORDS_EN.has(w) && !FUNCTION_WORDS_JA.has(w) && (w.length >= 3 || /\d|_/.test(w)) && ownWord(w),
  );
  // Words quoted from a log («what does 'Connection pool exhausted' mean?»): the templates that hold them, English or not.
  const quoted = QUOTED.exec(found.text)?.[1];
  const quote = quoted ? fold(quoted).replace(/\s+/g, ' ').trim() : null;
  // Most questions hold no such word: the templates are read only for one that does.
  if (words.length === 0 && quote === null) return [];
  const rows = db.prepare('SELECT template_id AS id, template, count, errors, first_seen, last_seen FROM log_templates WHERE retired_at IS NULL').all() as {
    id: number;
    template: string;
    count: number;
    errors: number;
    first_seen: number;
    last_seen: number;
  }[];
  if (rows.length === 0) return [];
  const texts = rows.map((r) => fold(r.template.replace(/<\*>/g, ' ')));
  const latinWords = texts.map((t) => t.match(/[a-z][a-z0-9_]*(?:-[a-z0-9_]+)*/g) ?? []);
  const holds = (i: number, w: string): boolean =>
    /^[a-z]/.test(w) ? latinWords[i]!.some((x) => x === w || (w.length >= 4 && x.startsWith(w))) : texts[i]!.includes(w);
  const score = rows.map(() => 0);
  if (quote) rows.forEach((_, i) => (score[i]! += texts[i]!.replace(/\s+/g, ' ').includes(quote) ? 10 : 0));
  for (const w of words) {
    const at = rows.flatMap((_, i) => (holds(i, w) ? [i] : []));
    if (at.length === 0 || at.length > 2) continue;
    for (const i of at) score[i]! += 1;
  }
  const named = rows.map((r, i) => ({ r, s: score[i]! })).filter((x) => x.s > 0);
  if (named.length === 0) return [];
  const best = Math.max(...named.map((x) => x.s));
  const hostsOf = db.prepare('SELECT host, SUM(lines) AS lines FROM app_logs WHERE template_id = ? GROUP BY host ORDER BY lines DESC, host');
  const inWindow = db.prepare('SELECT COALESCE(SUM(lines), 0) AS n FROM app_logs WHERE template_id = ? AND ts >= ? AND ts < ?');
  return named
    .filter((x) => x.s === best)
    .sort((a, b) => b.r.count - a.r.count || a.r.id - b.r.id)
    .slice(0, 3)
    .map(({ r }) => ({
      id: r.id,
      template: r.template,
      lines: r.count,
      errors: r.errors,
      firstSeen: r.first_seen,
      lastSeen: r.last_seen,
      inWindow: (inWindow.get(r.id, window.from, window.to) as { n: number }).n,
      hosts: hostsOf.all(r.id) as { host: string; lines: number }[],
    }));
}
