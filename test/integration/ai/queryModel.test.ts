import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AiError } from '../../../main/ai/aiError.js';
import { createLlmService, type LlmService } from '../../../main/ai/llmService.js';
import { ASK_OPS, askQuerySchema, DIMENSIONS, fullQuery, MEASURE_IDS, TIME_PRESETS, type AskQuery } from '../../../main/api/askQuery.js';
import { parseQuery, type ParsedQuery } from '../../../main/chat/query/parseQuery.js';
import { QUERY_SCHEMA, queryFromModel, queryPrompt, readModelQuery, type QueryNameIndex } from '../../../main/chat/query/queryModel.js';
import { createNameFinder, type QueryNames } from '../../../main/chat/query/queryNames.js';
import { writeModel } from '../../fixtures/models/ggufModels.js';
import { tempDir } from '../../helpers/tempDir.js';

// Real llama.cpp on a generated qwen2 (random weights, real tokenizer and chat template): its
// JSON is grammatical but meaningless, so what is checked is what validation lets through.
const NAMES: QueryNames = {
  sites: ['札幌', '盛岡', '品川', '横浜', '大阪', '佐世保'],
  processes: ['エントリ1', 'エントリ2', '補正', '検証'],
  businessIds: ['523201', '611040', '704518'],
  operators: ['高山 麻由子', '竹下 朱美', '上野 由香利', '木村 愛'],
  services: ['entry-api', 'auth', 'db-proxy'],
  hosts: ['ocr-sapporo-01'],
};
const INDEX: QueryNameIndex = { names: NAMES, find: createNameFinder(NAMES, { 医療レセプト: '611040' }) };
const rulesOf = (q: string): ParsedQuery => parseQuery(q, INDEX.find(q));

const QUESTIONS = [
  '札幌の補正待ちは何件？',
  '大阪と品川どっちが進んでる？',
  '一番速いオペレーターは？',
  '業務611040はもう終わった？',
  'entry-api 落ちてない？',
  '盛岡から3人札幌のエントリ1に回したら間に合う？',
  '明日の天気は？',
  'How is Osaka doing compared to usual?',
  'Which sites are late?',
  '高山さんのスキルは？',
];

const NAME_FIELDS = ['site', 'process', 'business', 'operator', 'service'] as const;
const MASTER: Record<(typeof NAME_FIELDS)[number], string[]> = {
  site: NAMES.sites,
  process: NAMES.processes,
  business: NAMES.businessIds,
  operator: NAMES.operators,
  service: NAMES.services,
};

/** What every query the function returns must be: a valid, complete AskQuery of synced names, the rules' names where they have any. */
function expectValid(q: AskQuery, rules: AskQuery): void {
  const parsed = askQuerySchema.safeParse(q);
  expect(parsed.success).toBe(true);
  expect(fullQuery(parsed.data!)).toEqual(q);
  for (const f of NAME_FIELDS) {
    for (const name of q[f]) expect(MASTER[f]).toContain(name);
    if (rules[f].length > 0) expect(q[f]).toEqual(rules[f]);
  }
}

describe('the typed query from the intent model (real llama.cpp on a generated qwen2, CPU)', () => {
  const dir = tempDir();
  let llm: LlmService;
  const raws: Record<string, unknown>[] = [];

  beforeAll(() => {
    const qwen = join(dir.path, 'qwen2-tiny.gguf');
    writeModel(qwen, 'qwen2-tiny');
    const settings = {
      models: { intent: qwen, answer: null },
      gpu: 'off' as const,
      threads: 1,
      contextSize: 4096,
      idleUnloadMs: 60_000,
      requestTimeoutMs: 30_000,
      memoryBudgetBytes: null,
    };
    llm = createLlmService({ settings: () => settings, log: { info: () => {}, warn: () => {}, error: () => {} }, lang: () => 'ja' });
  });
  afterAll(async () => {
    await llm.dispose();
    dir.remove();
  });

  it('the grammar-constrained JSON parses and fits the schema for every question', async () => {
    for (const q of QUESTIONS) {
      const raw: Record<string, unknown> = await llm.json('intent', queryPrompt(q, NAMES), QUERY_SCHEMA, { timeoutMs: 30_000 });
      raws.push(raw);
      expect(Object.keys(raw).sort()).toEqual(['business', 'by', 'confidence', 'measure', 'op', 'operator', 'process', 'rank', 'service', 'site', 'time']);
      expect(ASK_OPS).toContain(raw.op);
      expect([...MEASURE_IDS, null]).toContain(raw.measure);
      expect([...DIMENSIONS, null]).toContain(raw.by);
      expect([...TIME_PRESETS, null]).toContain(raw.time);
      for (const f of NAME_FIELDS) {
        const list = raw[f] as string[];
        expect(list.length).toBeLessThanOrEqual(3);
        for (const s of list) expect([...s].length).toBeLessThanOrEqual(20);
      }
      const rank = raw.rank as { order: string; n: number } | null;
      if (rank !== null) {
        expect(['top', 'bottom']).toContain(rank.order);
        expect(rank.n).toBeGreaterThanOrEqual(1);
        expect(rank.n).toBeLessThanOrEqual(10);
      }
      expect(raw.confidence).toBeGreaterThanOrEqual(0);
      expect(raw.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('returns a query that parses with the zod schema, or throws AI_SCHEMA_INVALID; never an invalid query', async () => {
    let returned = 0;
    let refused = 0;
    for (const q of QUESTIONS) {
      const rules = rulesOf(q);
      try {
        const r = await queryFromModel(llm, q, INDEX, rules);
        expectValid(r.query, rules.query);
        expect(r.confidence).toBeGreaterThanOrEqual(0);
        expect(r.confidence).toBeLessThanOrEqual(1);
        returned++;
      } catch (error) {
        expect(error).toBeInstanceOf(AiError);
        expect((error as AiError).code).toBe('AI_SCHEMA_INVALID');
        expect((error as AiError).message).toMatch(/^(Names not in the master data: |The operation \w+ has no measure|The model reading is not a valid query)/);
        refused++;
      }
    }
    expect(returned + refused).toBe(QUESTIONS.length);
  });

  it('refuses names not in the masters, a known name inside a longer one included', () => {
    for (const raw of raws) {
      const junk = NAME_FIELDS.flatMap((f) => (raw[f] as string[]).filter((s) => !MASTER[f].includes(s)).map((s) => [f, s] as const));
      if (junk.length === 0) continue;
      expect(() => readModelQuery(raw, INDEX, rulesOf('札幌の残件は？'))).toThrow(`${junk[0]![0]} ${JSON.stringify(junk[0]![1])}`);
    }
    // The model's own output with names of our choosing in its name fields.
    const empty = Object.fromEntries(NAME_FIELDS.map((f) => [f, [] as string[]]));
    const base = { ...raws[0], ...empty, op: 'value', measure: 'remaining' };
    const rules = rulesOf('残件は？');
    expect(() => readModelQuery({ ...base, site: ['札幌第二'] }, INDEX, rules)).toThrow('site "札幌第二"');
    expect(() => readModelQuery({ ...base, site: ['東京'] }, INDEX, rules)).toThrow('site "東京"');
    // A site written as a process is not a process.
    expect(() => readModelQuery({ ...base, process: ['札幌'] }, INDEX, rules)).toThrow('process "札幌"');
    // Every name must resolve, even where the rules' names are kept.
    expect(() => readModelQuery({ ...base, site: ['札幌', 'xx'] }, INDEX, rulesOf('札幌の残件は？'))).toThrow('site "xx"');
    // An alias, a family name with an honorific and a service resolve to their synced names.
    const ok = readModelQuery({ ...base, business: ['医療レセプト'], operator: ['高山さん'], service: ['entry-api'] }, INDEX, rules);
    expect(ok.query).toMatchObject({ business: ['611040'], operator: ['高山 麻由子'], service: ['entry-api'] });
  });

  it("keeps the rules' names over the model's; the model decides the operation and the measure", () => {
    const q = '札幌のエントリ1の残件は？';
    const rules = rulesOf(q);
    expect(rules.query).toMatchObject({ op: 'value', measure: 'remaining', site: ['札幌'], process: ['エントリ1'], operator: [] });
    // The tiny model reads one or two operations whatever the question: its output is taken with each operation and measure in turn.
    for (const raw of raws.slice(0, 3))
      for (const op of ASK_OPS)
        for (const measure of [raw.measure, 'speed', null]) {
          const model = { ...raw, op, measure, site: ['大阪'], process: ['補正'], business: [], operator: ['高山 麻由子'], service: [] };
          const r = readModelQuery(model, INDEX, rules);
          expectValid(r.query, rules.query);
          expect(r.query).toMatchObject({ op, site: ['札幌'], process: ['エントリ1'], operator: ['高山 麻由子'] });
          // A history reading is of decisions (or of a plan): the measure of the question's line is not what it asks.
          const history = measure === 'planned_staff' ? 'planned_staff' : 'decisions';
          const expected =
            op === 'status' || op === 'knowhow' ? null : op === 'propose' ? 'slack' : op === 'history' ? history : (measure ?? rules.query.measure);
          expect(r.query.measure).toBe(expected);
          expect(r.query.rank === null).toBe(op !== 'rank');
          expect(r.query.against).toBe(op === 'change' ? 'usual' : null);
          expect(r.confidence).toBe(raw.confidence);
        }
    // An operation that needs a measure, where neither the model nor the rules have one, is refused.
    const outside = rulesOf('明日の天気は？');
    expect(outside.query.measure).toBeNull();
    const blank = { ...raws[0], ...Object.fromEntries(NAME_FIELDS.map((f) => [f, []])), op: 'value', measure: null };
    expect(() => readModelQuery(blank, INDEX, outside)).toThrow('The operation value has no measure');
    // The rules' what-if move only carries over when the model reads a what-if too.
    const move = rulesOf('盛岡から3人札幌のエントリ1に回したら間に合う？');
    expect(move.query.op).toBe('whatif');
    expect(readModelQuery({ ...blank, op: 'whatif', measure: 'slack' }, INDEX, move).query.move).toEqual(move.query.move);
    expect(readModelQuery({ ...blank, op: 'check', measure: 'slack' }, INDEX, move).query.move).toBeNull();
  });
});
