import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { TaughtWord } from '../../../../main/api/taughtWords.js';
import { foldForCues } from '../../../../main/chat/foldForCues.js';
import { measuresNamed } from '../../../../main/chat/query/measureWords.js';
import { parseQuery } from '../../../../main/chat/query/parseQuery.js';
import { queryPrompt } from '../../../../main/chat/query/queryModel.js';
import { createNameFinder, type QueryNames } from '../../../../main/chat/query/queryNames.js';
import { GenbaError } from '../../../../main/errors.js';
import { forgetWord, lessonAnswer, lessonOf, wordsTaught } from '../../../../main/chat/wordLessons.js';
import { migrate } from '../../../../main/store/migration.js';
import { saveTaughtWord, taughtWords, taughtWordsKey } from '../../../../main/store/taughtWords.js';
import { thrownBy } from '../../../helpers/thrownBy.js';

const NAMES: QueryNames = {
  sites: ['札幌', '盛岡', '品川', '横浜', '大阪', '佐世保'],
  processes: ['エントリ1', 'エントリ2', '検証', '補正'],
  businessIds: ['523201'],
  operators: ['高山 麻由子'],
  services: ['entry-api'],
  hosts: [],
};
const taught = (word: string, measure: TaughtWord['measure']): TaughtWord => ({ word, folded: foldForCues(word), measure });
const read = (q: string, words: readonly TaughtWord[] = []) => parseQuery(q, createNameFinder({ ...NAMES, taught: words }, {})(q)).query;

function store(): Database.Database {
  const db = new Database(':memory:');
  migrate(db);
  return db;
}

describe('a word a manager teaches: the lesson said in the chat', () => {
  it('reads the ways a word is taught, in Japanese and English, and what to forget', () => {
    expect(lessonOf('物量は到着件数のこと')).toEqual({ kind: 'teach', word: '物量', means: '到着件数' });
    expect(lessonOf('物量って到着件数のことです。')).toEqual({ kind: 'teach', word: '物量', means: '到着件数' });
    expect(lessonOf('物量は到着件数の意味')).toEqual({ kind: 'teach', word: '物量', means: '到着件数' });
    expect(lessonOf('物量＝到着件数')).toEqual({ kind: 'teach', word: '物量', means: '到着件数' });
    expect(lessonOf('inbound means arrivals')).toEqual({ kind: 'teach', word: 'inbound', means: 'arrivals' });
    expect(lessonOf('By inbound I mean arrivals.')).toEqual({ kind: 'teach', word: 'inbound', means: 'arrivals' });
    expect(lessonOf('teach: inbound is items arrived')).toEqual({ kind: 'teach', word: 'inbound', means: 'items arrived' });
    expect(lessonOf('"inbound" = arrivals')).toEqual({ kind: 'teach', word: 'inbound', means: 'arrivals' });
    expect(lessonOf('物量を忘れて')).toEqual({ kind: 'forget', word: '物量' });
    expect(lessonOf('「物量」の意味を忘れてください')).toEqual({ kind: 'forget', word: '物量' });
    expect(lessonOf('forget inbound')).toEqual({ kind: 'forget', word: 'inbound' });
    expect(lessonOf('Forget the word inbound.')).toEqual({ kind: 'forget', word: 'inbound' });
  });

  it('leaves every question to the question flow', () => {
    for (const q of [
      '札幌の物量は？',
      '物量って何のこと？',
      '物量って何のこと',
      '物量は到着件数のこと？',
      'What does inbound mean?',
      'what the forecast means for tomorrow',
      'inbound means what',
      'This means we are late.',
      'それは遅れのこと',
      '札幌のエントリ1工程が遅延しています',
      'How many items arrived at Sapporo today?',
      '盛岡から3人札幌のエントリ1に回したら間に合う？',
    ])
      expect(lessonOf(q), q).toBeNull();
  });
});

describe('a word taught is read by the rules and the intent model', () => {
  it('「札幌の物量は？」 reads the forecast before 物量 is taught to mean arrivals, and arrivals after', () => {
    expect(read('札幌の物量は？')).toMatchObject({ measure: 'forecast_volume', site: ['札幌'] });
    const words = [taught('物量', 'arrivals')];
    expect(read('札幌の物量は？', words)).toMatchObject({ measure: 'arrivals', site: ['札幌'] });
    // Genba's own longer words still count beside it.
    expect(read('明日の物量予測は？', words).measure).toBe('forecast_volume');
  });

  it('a new English word speaks for its measure, as a word of its own', () => {
    // The names' readings (Sapporo) are the store's: this finder has none.
    expect(read('How much inbound at 札幌 today?').measure).not.toBe('arrivals');
    const words = [taught('inbound', 'arrivals')];
    expect(read('How much inbound at 札幌 today?', words)).toMatchObject({ measure: 'arrivals', site: ['札幌'], time: 'today' });
    expect(read('How many items are left at 札幌?', words).measure).toBe('remaining');
  });

  it("the intent model's prompt lists the words taught, and only when there are some", () => {
    expect(queryPrompt('札幌の物量は？', { ...NAMES, taught: [taught('物量', 'arrivals'), taught('inbound', 'arrivals')] })).toContain(
      'Words of this company (word = measure): 物量 = arrivals, inbound = arrivals.',
    );
    expect(queryPrompt('札幌の物量は？', NAMES)).not.toContain('Words of this company');
  });

  it('what a phrase names: a longer word wins over one inside it, a taught word over Genba’s', () => {
    expect([...measuresNamed(foldForCues('到着件数')).keys()]).toEqual(['arrivals']);
    expect([...measuresNamed(foldForCues('入荷予定')).keys()]).toEqual(['forecast_volume']);
    expect([...measuresNamed(foldForCues('物量'), [taught('物量', 'arrivals')]).keys()]).toEqual(['arrivals']);
    expect(measuresNamed(foldForCues('落ちて')).size).toBe(2);
  });
});

describe('a lesson on a store', () => {
  const find = createNameFinder(NAMES, {});
  const lesson = (db: Database.Database, q: string, lang: 'ja' | 'en' = 'ja') => lessonAnswer({ db, find, lang }, q, lessonOf(q)!, performance.now()).answer;

  it('keeps the word, says what it learned with the measure’s label and how to remove it; forgets it', () => {
    const db = store();
    const key = taughtWordsKey(db);
    const said = lesson(db, '物量は到着件数のこと');
    expect(said).toContain('「物量」は到着件数のことと覚えました');
    expect(said).toContain('これまでは物量予測として読んでいました');
    expect(said).toContain('「物量を忘れて」');
    expect(taughtWords(db)).toEqual([{ word: '物量', folded: '物量', measure: 'arrivals' }]);
    expect(taughtWordsKey(db)).not.toBe(key);
    expect(lesson(db, '物量は到着件数のこと')).toBe('「物量」はすでに到着件数として読んでいます。何も変えていません。');

    const en = lesson(db, 'inbound means arrivals', 'en');
    expect(en).toBe(
      'Learned: "inbound" means items arrived. From now on "inbound" in a question is read as items arrived. To remove it, say "forget inbound".',
    );
    expect(wordsTaught(db).map((w) => w.word)).toEqual(['物量', 'inbound']);

    expect(lesson(db, '物量を忘れて')).toBe('「物量」（到着件数）を忘れました。これからは Genba の言葉どおり物量予測として読みます。');
    expect(lesson(db, 'forget inbound', 'en')).toBe('Forgot "inbound" (items arrived). It no longer stands for a measure.');
    expect(taughtWords(db)).toEqual([]);
    expect(lesson(db, 'forget inbound', 'en')).toBe('"inbound" was not taught. No word was taught yet.');
  });

  it('teaching a word again to mean another measure replaces it', () => {
    const db = store();
    lesson(db, '物量は到着件数のこと');
    expect(lesson(db, '物量は残件のこと')).toContain('これまでは到着件数として読んでいました');
    expect(taughtWords(db)).toEqual([{ word: '物量', folded: '物量', measure: 'remaining' }]);
  });

  it('refuses a name, a time, a meaning that is no one measure, and stores nothing', () => {
    const db = store();
    expect(lesson(db, '札幌は到着件数のこと')).toBe(
      '「札幌」は拠点「札幌」の名前です。名前と指標の言葉が重なると質問を読み分けられないので、何も登録していません。',
    );
    expect(lesson(db, '札幌便は到着件数のこと')).toContain('「札幌便」には拠点「札幌」の名前が入っています');
    expect(lesson(db, 'entry-api means arrivals', 'en')).toContain('"entry-api" is the name of the service entry-api');
    expect(lesson(db, '今日は到着件数のこと')).toContain('時間を表す言葉');
    // 「落ちて」 is a word of both the speed and the incidents.
    expect(lesson(db, 'ダウン気味は落ちてのこと')).toBe(
      '「落ちて」は処理速度・障害のどれにも読めます。どれか一つの名前で教えてください。何も登録していません。',
    );
    expect(lesson(db, 'inbound means the weather', 'en')).toBe(
      'I could not tell which measure "the weather" is. Teach it with a measure\'s name (items arrived, items left, speed …). Nothing was stored.',
    );
    expect(lesson(db, '量は到着件数のこと')).toContain('短すぎます');
    expect(lesson(db, '人件費感は給与のこと')).toContain('Genba が持っていないデータ');
    expect(taughtWords(db)).toEqual([]);
  });

  it('outside the chat, forgetting a word not taught is an error, and one taught is removed', () => {
    const db = store();
    saveTaughtWord(db, taught('inbound', 'arrivals'));
    expect(thrownBy(GenbaError, () => forgetWord(db, '物量'))).toMatchObject({ code: 'WORD_NOT_TAUGHT' });
    expect(forgetWord(db, ' Inbound ')).toEqual([]);
  });

  it('a measure this build does not know (a newer Genba wrote it) is left out', () => {
    const db = store();
    db.prepare("INSERT INTO taught_words (word, folded, measure) VALUES ('x-ish', 'x-ish', 'not_a_measure')").run();
    expect(taughtWords(db)).toEqual([]);
  });
});
