import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { tempDir } from '../../helpers/tempDir.js';

const ANCHOR = '2025-10-23T15:40+09:00';

/**
 * English questions of every operation, written from the domain (sites, processes,
 * businesses, alerts, logs, people, forecast, tomorrow's plan), not from the answers.
 */
const QUESTIONS: [op: string, question: string][] = [
  ['value', 'How many items are left in entry 1 in Sapporo?'],
  ['value', 'When will Shinagawa finish verification at the current pace?'],
  ['value', 'How many operators are working in Osaka right now?'],
  ['value', 'What is the processing speed of correction in Yokohama?'],
  ['value', 'How many alerts are open right now?'],
  ['value', 'What is the arrivals forecast for tomorrow in Sasebo?'],
  ['value', 'How much overtime has Takayama worked this month?'],
  ['list', 'Which processes are behind schedule?'],
  ['list', 'List the operators in Morioka who can do entry 2.'],
  ['list', 'Show me the open alerts.'],
  ['list', 'Who is absent today?'],
  ['compare', 'Compare Sapporo and Osaka on remaining items.'],
  ['compare', 'Compare the alert counts of Sapporo and Osaka.'],
  ['compare', "How does Yokohama's entry 1 speed compare with Shinagawa's?"],
  ['rank', 'Which site has the most items left?'],
  ['rank', 'Who is the fastest operator at verification?'],
  ['rank', 'Rank the sites by speed for correction.'],
  ['trend', 'How has the remaining work in Sapporo changed over the day?'],
  ['trend', 'Show the hourly trend of errors in the logs today.'],
  ['trend', 'How did arrivals develop this week?'],
  ['change', 'How does the backlog compare with yesterday?'],
  ['change', 'What changed in Osaka since this morning?'],
  ['whatif', 'What if we move two people from Morioka to Sapporo for entry 1?'],
  ['whatif', 'What happens if Yokohama loses three operators this afternoon?'],
  ['why', 'Why is Sapporo late on entry 1?'],
  ['why', 'Why did the error count jump this afternoon?'],
  ['advise', 'What should I do about the delay in Sapporo?'],
  ['advise', 'Should I send help to Osaka?'],
  ['propose', "Propose a staff move to get Sapporo's entry 1 done on time."],
  ['propose', "Make tomorrow's staffing plan."],
  ['status', 'How is everything going right now?'],
  ['status', "What's the status of the medical claims job?"],
  ['status', 'How is the customer survey business doing?'],
  ['status', 'Is the sync up to date?'],
  ['check', 'Are there any errors in the logs from the last hour?'],
  ['check', 'Did anything go wrong with OCR this afternoon?'],
  ['check', 'Check the incidents since this morning.'],
  ['knowhow', 'What does our know-how say about moving staff before a deadline?'],
  ['knowhow', 'What are the rules for training new operators?'],
  ['knowhow', 'What should we do when the database connection fails?'],
  ['outside', 'Can you book a taxi for me?'],
  ['outside', "What's the weather in Tokyo tomorrow?"],
  ['outside', 'How much will payroll cost this month?'],
];

/** Japanese script and punctuation (an English text has no 「」 or （）). */
const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー、。「」（）：]+/gu;
const LETTERS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+/gu;

describe('English questions end to end on the demo company: no Japanese but the names the company wrote', () => {
  const dir = tempDir();
  let app: GenbaApp;
  /** Names the company wrote, longest first: they may stand in an English answer as written. */
  let names: string[] = [];
  /** The log templates' literal parts: a log line quoted as evidence may be Japanese. */
  let logParts: string[] = [];

  beforeAll(async () => {
    await copyDemoStore(dir.path);
    const db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
    const col = (sql: string): string[] => (db.prepare(sql).all() as { v: string }[]).map((r) => r.v);
    names = [
      ...col('SELECT location_name AS v FROM locations'),
      ...col('SELECT DISTINCT process_name AS v FROM progress_snapshots'),
      ...col('SELECT name AS v FROM business_names'),
      ...col('SELECT j.value AS v FROM business_names, json_each(business_names.aliases) AS j'),
      ...col('SELECT operator_name AS v FROM operators'),
      ...col('SELECT DISTINCT service AS v FROM app_logs'),
      ...col('SELECT DISTINCT host AS v FROM app_logs'),
      ...col('SELECT title AS v FROM knowledge_documents WHERE builtin = 0'),
    ].flatMap((n) => [n, ...n.split(/\s+/)]);
    names = [...new Set(names)].filter((n) => n !== '').sort((a, b) => b.length - a.length);
    // Their Japanese words, width folded: a line quoted as evidence is written as it was logged (（30273ms）), its template folded.
    logParts = col('SELECT template AS v FROM log_templates').flatMap((t) => t.normalize('NFKC').match(LETTERS) ?? []);
    db.close();
    app = createApp({ dataDir: dir.path, now: Date.parse(ANCHOR) });
    await app.start();
    await app.assistant.prepare({ solver: false });
  }, 600_000);
  afterAll(async () => {
    await app?.stop();
    dir.remove();
  });

  /** The Japanese left in a text once the company's names and quoted log lines are taken out. */
  const japaneseLeft = (text: string): string[] => {
    // A line quoted as evidence ("e.g. …") is the log as it was written, its own brackets included.
    let t = text
      .split('\n')
      .filter((line) => !/^\s*e\.g\. /.test(line))
      .join('\n');
    for (const n of names) t = t.split(n).join(' ');
    return (t.match(JAPANESE) ?? []).filter((run) => {
      const letters = run.normalize('NFKC').match(LETTERS);
      return !letters || !letters.every((w) => logParts.includes(w));
    });
  };

  it('takes out names and log lines, and leaves a Japanese word', () => {
    expect(japaneseLeft('Sapporo 札幌 · 盛岡 · バッチ を開始しました · OCRサーバーの応答がありません（30273ms）画像=1 · 件 · 「x」')).toEqual([
      '件',
      '「',
      '」',
    ]);
  });

  const answers = new Map<string, string>();
  it.each(QUESTIONS)('%s: %s', async (_op, question) => {
    const r = await app.assistant.ask(question);
    answers.set(question, r.answer);
    const texts = [r.answer, r.clarify?.question ?? '', ...(r.clarify?.options.map((o) => o.label) ?? [])];
    expect({ question, left: texts.flatMap(japaneseLeft), answer: r.answer }).toMatchObject({ left: [] });
  });

  it('names processes and businesses in English, not romanized: Entry 1, Verification, Medical claims', () => {
    const all = [...answers.values()].join('\n');
    expect(all.match(/\b(Entori|Kensho|Hosei|Iryo|Reseputo|Kokyaku)\b/g) ?? []).toEqual([]);
    expect(answers.get('How many items are left in entry 1 in Sapporo?')).toContain('Sapporo · Entry 1');
    expect(all).toContain('Sapporo Entry 1 (Medical claims)');
  });
});
