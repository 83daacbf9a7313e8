import type Database from 'better-sqlite3';
import { MEASURE_IDS, type MeasureId } from '../api/askQuery.js';
import type { AskResult } from '../api/assistantTypes.js';
import { businessLabel } from '../api/businessLabel.js';
import { localize, type Lang, type Localized } from '../api/localized.js';
import { MEASURE_LABELS } from '../api/measureLabels.js';
import { MAX_TAUGHT_WORD_CHARS, type TaughtWord } from '../api/taughtWords.js';
import { GenbaError } from '../errors.js';
import { storedBusinessNames } from '../store/businessNames.js';
import { removeTaughtWord, saveTaughtWord, taughtWords } from '../store/taughtWords.js';
import { foldForCues } from './foldForCues.js';
import { measuresNamed } from './query/measureWords.js';
import { OP_CUES } from './query/opCues.js';
import type { NamedInText } from './query/queryNames.js';
import { timeOf } from './query/timeOf.js';
import { LESSON_TEXTS, wordNotTaught, type NameKind } from './wordLessonTexts.js';

/** A word taught (「物量は到着件数のこと」: `word` 物量 is to mean `means` 到着件数) or one to forget (「物量を忘れて」). */
export type WordLesson = { kind: 'teach'; word: string; means: string } | { kind: 'forget'; word: string };

/** How a lesson is said, whole: the word, then what it is to mean. A question (「…のこと？」) is never one. */
const TEACH: readonly RegExp[] = [
  // 「物量は到着件数のこと」「物量って到着件数のことです」「物量とは到着件数の意味」
  /^(.+?)(?:というのは|っていうのは|とは|って|は)(.+?)(?:の|という)(?:こと|意味)(?:です|だよ|だ|ね|よ|な)?$/,
  // 「物量を到着件数として覚えて」
  /^(.+?)を(.+?)(?:として|と)覚えて(?:ください|下さい|おいて|ね)?$/,
  // "teach: inbound is arrivals", "learn inbound = arrivals"
  /^(?:teach|learn)\s*:?\s*(.+?)\s+(?:is|=|means)\s+(.+)$/i,
  // "by inbound I mean arrivals", "when I say inbound, I mean arrivals"
  /^(?:by|when i say)\s+(.+?)\s*,?\s+i\s+mean\s+(.+)$/i,
  // "inbound means arrivals"
  /^(.+?)\s+means\s+(.+)$/i,
  // 「物量 = 到着件数」 "inbound = arrivals"
  /^([^=]+?)\s*=\s*([^=]+)$/,
];

/** 「物量を忘れて」「物量の意味を忘れて」, "forget inbound", "forget the word inbound". */
const FORGET: readonly RegExp[] = [
  /^(.+?)(?:という言葉|の意味)?(?:を|は|って)?(?:忘れて|わすれて)(?:ください|下さい|いいよ|いい|おいて|ね|よ)?$/,
  /^(?:please\s+)?(?:forget|unlearn)\s+(?:the\s+word\s+|about\s+)?(.+)$/i,
];

/** A question is not a lesson, however it is worded ("what does X mean …?"). */
const QUESTION_START = /^(?:what|how|why|when|where|which|who|whose|is|are|was|were|do|does|did|can|could|will|would|should|may)\b/i;

/** The word as written, its quotes and spaces trimmed. */
const bare = (w: string): string =>
  w
    .trim()
    .replace(/^(?:the\s+word\s+)/i, '')
    .replace(/^[「『"“'‘]+|[」』"”'’]+$/g, '')
    .trim();

/** A word that points at what was said ("This means we are late", 「それは遅れのこと」): a remark, not a lesson. */
const POINTING = /^(?:this|that|it|these|those|there|here|everything|something|nothing|それ|これ|あれ|そっち|こっち)$/i;
/** A lesson's word is a word or a short phrase: at most three words, no longer than a taught word may be. */
const wordShaped = (w: string): boolean =>
  w.length > 0 && w.length <= MAX_TAUGHT_WORD_CHARS && w.split(/\s+/).length <= 3 && !QUESTION_START.test(w) && !POINTING.test(w);
/** A meaning asked for, not given: 「物量って何のこと」 "inbound means what" ask what a word means. */
const ASKED = /^(?:何|なに|なん|どれ|どの|どんな|どういう|誰|だれ|いつ|どこ|what|which|who|how)(?![a-z])/i;
/** What it is to mean: a measure's name or words, a few words long. */
const meaningShaped = (m: string): boolean => m.length > 0 && m.length <= 40 && m.split(/\s+/).length <= 5 && !ASKED.test(m);

/**
 * The lesson a chat message gives, or null when it is none (a question: everything else about the question flow is
 * unchanged). The whole message must be the lesson: 「物量は到着件数のこと」 "inbound means arrivals", 「物量を忘れて」 "forget inbound".
 */
export function lessonOf(question: string): WordLesson | null {
  const text = question
    .normalize('NFKC')
    .trim()
    .replace(/[。.!！\s]+$/u, '');
  if (/[?？]/.test(text) || text.includes('\n')) return null;
  for (const re of FORGET) {
    const m = re.exec(text);
    const word = m ? bare(m[1]!) : '';
    if (m && wordShaped(word)) return { kind: 'forget', word };
  }
  for (const re of TEACH) {
    const m = re.exec(text);
    if (!m) continue;
    const word = bare(m[1]!);
    const means = bare(m[2]!);
    if (wordShaped(word) && meaningShaped(means)) return { kind: 'teach', word, means };
  }
  return null;
}

/** Letters and digits of any script, with the joiners a word may hold: never markup, quotes, controls or line breaks. */
const WORD_CHARACTERS = /^[\p{L}\p{N}\p{M} \-_・/.&'’]+$/u;

const label = (lang: Lang, m: MeasureId): string => localize(lang, MEASURE_LABELS[m].label);

/** A measure by its own name: its id ("arrivals", "forecast volume") or its label in either language (到着件数, "items arrived"). */
function measureByName(folded: string): MeasureId | null {
  const plain = folded.replace(/[_\s]+/g, ' ');
  return (
    MEASURE_IDS.find(
      (id) => id.replace(/_/g, ' ') === plain || Object.values(MEASURE_LABELS[id].label).some((l) => foldForCues(l).replace(/\s+/g, ' ') === plain),
    ) ?? null
  );
}

/** The first name the word is or holds, if any: a name of the floor cannot also be a measure's word. */
function nameIn(word: string, find: (text: string) => NamedInText): { kind: NameKind; name: string; whole: boolean } | null {
  const named = find(word);
  for (const kind of ['sites', 'processes', 'businesses', 'operators', 'services', 'hosts'] as const) {
    const hit = named[kind][0];
    if (hit) return { kind, name: hit.canonical, whole: hit.at === 0 && hit.end === named.text.length };
  }
  return null;
}

/** The cues of the operations, folded: a word that reads as the kind of question cannot also be a measure's. */
const OP_WORDS = new Set(Object.values(OP_CUES).flatMap((cues) => cues.map(([c]) => foldForCues(c).trim())));

/** What a lesson needs: the store, the finder of the company's names, the answer's language. */
export interface LessonContext {
  db: Database.Database;
  find: (text: string) => NamedInText;
  lang: Lang;
}

/** Teaches the word, or says why it was not (a name, a time, a word of the operations, a meaning that is no one measure). */
function teach(c: LessonContext, word: string, means: string): string {
  const t = LESSON_TEXTS;
  const say = <A extends unknown[]>(texts: Localized<(...a: A) => string>, ...args: A): string => localize(c.lang, texts)(...args);
  if (!WORD_CHARACTERS.test(word)) return say(t.characters, word);
  const folded = foldForCues(word);
  if (folded.replace(/\s/g, '').length < 2) return say(t.tooShort, word);
  const name = nameIn(word, c.find);
  if (name) {
    const businesses = Object.fromEntries(storedBusinessNames(c.db).map((b) => [b.id, b.name]));
    const shown = name.kind === 'businesses' ? localize(c.lang, businessLabel(businesses, name.name)) : name.name;
    return say(t.isName, word, name.kind, shown, name.whole);
  }
  if (timeOf(folded) !== null) return say(t.isTime, word);
  if (OP_WORDS.has(folded)) return say(t.isOpWord, word);
  const taught = taughtWords(c.db);
  const meant = foldForCues(means);
  const byName = measureByName(meant);
  const named = byName ? [byName] : [...measuresNamed(meant, taught).keys()];
  if (named.length === 0) return say(t.unknownMeaning, means);
  if (named.length > 1)
    return say(
      t.ambiguous,
      means,
      named.map((m) => label(c.lang, m)),
    );
  const measure = named[0]!;
  if (measure === 'unknown') return say(t.noData, means);
  const before = [...measuresNamed(folded, taught).keys()];
  if (before.length === 1 && before[0] === measure) return say(t.already, word, label(c.lang, measure));
  saveTaughtWord(c.db, { word, folded, measure });
  return say(
    t.learned,
    word,
    label(c.lang, measure),
    before.map((m) => label(c.lang, m)),
  );
}

/** Forgets a word taught; says what it is read as now, or that it was never taught (with the words that were). */
function forget(c: LessonContext, word: string): string {
  const removed = removeTaughtWord(c.db, foldForCues(word));
  const left = taughtWords(c.db);
  if (!removed)
    return localize(c.lang, LESSON_TEXTS.notTaught)(
      word,
      left.map((w) => ({ word: w.word, label: label(c.lang, w.measure) })),
    );
  const now = [...measuresNamed(removed.folded, left).keys()].map((m) => label(c.lang, m));
  return localize(c.lang, LESSON_TEXTS.forgot)(removed.word, label(c.lang, removed.measure), now);
}

/** The answer to a lesson, as a chat turn: its text alone (no query was read, no engine answered, nothing for a model to explain). */
export function lessonAnswer(c: LessonContext, question: string, lesson: WordLesson, start: number): AskResult {
  const answer = lesson.kind === 'teach' ? teach(c, lesson.word, lesson.means) : forget(c, lesson.word);
  const ms = Math.round((performance.now() - start) * 100) / 100;
  return {
    followUp: null,
    question,
    clarify: null,
    proposal: null,
    action: null,
    query: null,
    table: null,
    answer,
    answerSource: 'template',
    citations: [],
    timings: { read_ms: ms, retrieval_ms: 0, data_ms: 0, optimize_ms: 0, answer_ms: 0, total_ms: ms },
  };
}

/** The words taught, in the order taught (`genba words`, `words.list`). */
export const wordsTaught = (db: Database.Database): TaughtWord[] => taughtWords(db);

/** Forgets a word taught, outside the chat (`genba words forget`, `words.forget`): the words left; an error when it was not taught. */
export function forgetWord(db: Database.Database, word: string): TaughtWord[] {
  const w = bare(word.normalize('NFKC'));
  if (!removeTaughtWord(db, foldForCues(w))) throw new GenbaError('WORD_NOT_TAUGHT', wordNotTaught(w));
  return taughtWords(db);
}
