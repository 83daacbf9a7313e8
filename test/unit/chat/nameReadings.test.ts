import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseQuery } from '../../../main/chat/query/parseQuery.js';
import { latinNamesOf, NAME_READINGS_KEY, nameReadingsKey, prepareNameReadings, type NameReadings } from '../../../main/chat/nameReadings.js';
import { inLatin } from '../../../main/api/latinNames.js';
import { createNameFinder, loadQueryNames, namesToRead } from '../../../main/chat/query/queryNames.js';
import { migrate } from '../../../main/store/migration.js';
import { tempDir } from '../../helpers/tempDir.js';

// Real kuromoji and its IPADIC, no mocks: the readings are the analyzer's. The spy on its builder only counts the builds;
// the module is required as nameReadings.ts requires it (CommonJS, one instance however often the module is imported fresh).
const KUROMOJI = createRequire(import.meta.url)('kuromoji') as typeof import('kuromoji');
const SITES = ['札幌', '大阪', '盛岡', '佐世保', '八王子', '鹿児島'];
const OPERATORS = ['高山 麻由子', '佐藤 陽子', '佐藤 健太', '森 亮', '井上 直樹'];
const ALIASES = { 医療レセプト: '611040', レセ: '611040' };

/** A store with the sites, the operators (one who left: 高橋 誠), two processes and one business. */
function makeStore(path: string): void {
  const db = new Database(path);
  migrate(db);
  for (const [i, name] of SITES.entries()) db.prepare('INSERT INTO locations VALUES (?, ?)').run(i + 1, name);
  for (const [i, name] of [...OPERATORS, '高橋 誠'].entries()) {
    db.prepare('INSERT INTO operators (operator_id, operator_name, location_name, is_valid, updated_at) VALUES (?, ?, ?, ?, 0)').run(
      i + 1,
      name,
      SITES[i % SITES.length],
      name === '高橋 誠' ? 0 : 1,
    );
    for (const p of ['エントリ1', '補正'])
      db.prepare(
        'INSERT INTO operator_process_capabilities (operator_id, process_name, skill_level, experience_months, average_speed, updated_at) VALUES (?, ?, 3, 12, 50, 0)',
      ).run(i + 1, p);
  }
  db.prepare(
    `INSERT INTO progress_snapshots (snapshot_time, location_name, business_id, process_name, expected_completion_time, total_waiting, entry_count)
     VALUES (0, '八王子', '611040', '補正', 0, 10, 10)`,
  ).run();
  db.close();
}

/** The module as a fresh process loads it: no readings in memory, no tokenizer. */
async function freshModule(): Promise<typeof import('../../../main/chat/nameReadings.js')> {
  vi.resetModules();
  return import('../../../main/chat/nameReadings.js');
}

describe('name readings from kuromoji (IPADIC) and wanakana', () => {
  const dir = tempDir();
  const file = join(dir.path, 'genba.sqlite');
  let db: Database.Database;
  let readings: NameReadings;
  /** How many times the tokenizer was built: counted, not timed, so that the test holds on any machine. */
  let builds: ReturnType<typeof vi.spyOn>;

  beforeAll(async () => {
    makeStore(file);
    db = new Database(file);
    builds = vi.spyOn(KUROMOJI, 'builder');
    readings = await prepareNameReadings(db, namesToRead(db, ALIASES));
  });
  afterAll(() => {
    db?.close();
    dir.remove();
  });

  it('reads every site, the ones no list ever had too, in hiragana, katakana and romaji with and without long vowels', () => {
    expect(readings['札幌']!.forms).toEqual(expect.arrayContaining(['さっぽろ', 'サッポロ', 'sapporo']));
    expect(readings['大阪']!.forms).toEqual(expect.arrayContaining(['おおさか', 'オオサカ', 'oosaka', 'osaka']));
    expect(readings['八王子']!.forms).toEqual(expect.arrayContaining(['はちおうじ', 'hachiouji', 'hachioji']));
    expect(readings['鹿児島']!.forms).toEqual(expect.arrayContaining(['かごしま', 'kagoshima']));
    expect(readings['補正']!.forms).toEqual(expect.arrayContaining(['ほせい', 'hosei']));
    expect(readings['医療レセプト']!.forms).toEqual(expect.arrayContaining(['いりょうれせぷと', 'iryoureseputo', 'iryoreseputo']));
    expect(readings['高山 麻由子']).toEqual({
      forms: expect.arrayContaining(['たかやままゆこ', 'takayama mayuko', 'mayuko takayama']),
      family: expect.arrayContaining(['たかやま', 'タカヤマ', 'takayama']),
      given: expect.arrayContaining(['まゆこ', 'mayuko']),
      latin: 'Takayama Mayuko',
    });
    // An operator who left is not read; a name the dictionary does not know whole gets no guessed reading.
    expect(readings['高橋 誠']).toBeUndefined();
  });

  it('writes each name in Latin letters for English screens: Hepburn without long vowels, word by word, family name first', () => {
    const latin = latinNamesOf(readings);
    expect(latin).toMatchObject({ 大阪: 'Osaka', 八王子: 'Hachioji', 鹿児島: 'Kagoshima', 佐世保: 'Sasebo', エントリ1: 'Entry 1', 補正: 'Correction' });
    expect(latin['高山 麻由子']).toBe('Takayama Mayuko');
    // A given name the analyzer only guesses (陽子 read ヨウシ) is not romanized from the guess: shown as written.
    expect(latin['佐藤 陽子']).toBe('Sato 陽子');
    expect(Object.entries(latin).every(([name, l]) => name === '佐藤 陽子' || /^[A-Za-z0-9 ]+$/.test(l))).toBe(true);
    expect(Object.keys(latin).every((name) => readings[name]?.latin === latin[name])).toBe(true);
    // Names written in Latin letters already (a business id, SS) have none: they are their own.
    expect(latin['611040']).toBeUndefined();
    // An English text gets them longest first: 大阪 inside a longer name is not cut.
    expect(inLatin('高山 麻由子 moves from 大阪 to 八王子 (エントリ1)', latin)).toBe('Takayama Mayuko moves from Osaka to Hachioji (Entry 1)');
    expect(inLatin('大阪第2 is late', { 大阪: 'Osaka', 大阪第2: 'Osaka Dai 2' })).toBe('Osaka Dai 2 is late');
    // An alias already in Latin letters is the manager's own word: "medical claims" stays, not "Medical claims claims".
    expect(inLatin('Yokohama medical claims', { medical: 'Medical claims', 医療レセプト: 'Medical claims' })).toBe('Yokohama medical claims');
    // A name inside Japanese words is part of that text (a log line quoted as evidence): left as written.
    expect(inLatin('「大阪センターのOCRが停止」 at 大阪 (エントリ1)', latin)).toBe('「大阪センターのOCRが停止」 at Osaka (Entry 1)');
  });

  it('resolves さっぽろ, Sapporo, オオサカ, osaka, はちおうじ, Hachioji, kagoshima to the sites of the store', () => {
    const find = createNameFinder(loadQueryNames(db), ALIASES, readings);
    const site = (text: string): string | null => find(text).sites[0]?.canonical ?? null;
    const cases: [string, string][] = [
      ['さっぽろ', '札幌'],
      ['Sapporo', '札幌'],
      ['サッポロ', '札幌'],
      ['オオサカ', '大阪'],
      ['osaka', '大阪'],
      ['Oosaka', '大阪'],
      ['もりおか', '盛岡'],
      ['sasebo', '佐世保'],
      ['はちおうじ', '八王子'],
      ['Hachioji', '八王子'],
      ['kagoshima', '鹿児島'],
      ['かごしま', '鹿児島'],
    ];
    for (const [form, name] of cases) expect(site(form), form).toBe(name);
    const read = (text: string) => parseQuery(text, find(text)).query;
    expect(read('Hachiojiのほせいは間に合う？')).toMatchObject({ site: ['八王子'], process: ['補正'] });
    expect(read('what if we move 2 people from kagoshima to sapporo?').move).toMatchObject({ count: 2, from: '鹿児島', to: '札幌' });
    expect(read('いりょうれせぷとの残りは？').business).toEqual(['611040']);
    // Without readings, only the kanji.
    expect(createNameFinder(loadQueryNames(db), ALIASES)('さっぽろ').sites).toEqual([]);
  });

  it('finds an operator by a unique family name: たかやまさん, Takayama; not たかやま alone, not a family name two operators share', () => {
    const find = createNameFinder(loadQueryNames(db), ALIASES, readings);
    const operators = (text: string): string[] => find(text).operators.map((h) => h.canonical);
    expect(operators('たかやまさんの処理速度は？')).toEqual(['高山 麻由子']);
    expect(operators('How fast is Takayama?')).toEqual(['高山 麻由子']);
    expect(operators('タカヤマさんのスキル')).toEqual(['高山 麻由子']);
    expect(operators('mayuko takayama skills')).toEqual(['高山 麻由子']);
    expect(operators('高山さんは？')).toEqual(['高山 麻由子']);
    // A short family name read in kana needs its honorific: もり is in 見積もり.
    expect(operators('もりさんは何件？')).toEqual(['森 亮']);
    expect(operators('見積もりは何件？')).toEqual([]);
    expect(operators('たかやまの進捗')).toEqual([]);
    // Two 佐藤: neither is named by the family name alone, in any form.
    expect(operators('さとうさんの速度')).toEqual([]);
    expect(operators('Sato speed')).toEqual([]);
    expect(find('kagoshimaとはちおうじの進捗').sites.map((h) => h.canonical)).toEqual(['鹿児島', '八王子']);
  });

  it('keeps the readings in meta under a hash of the names: a fresh process reads them back without building the tokenizer', async () => {
    const names = namesToRead(db, ALIASES);
    const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(NAME_READINGS_KEY) as { value: string };
    expect(JSON.parse(row.value)).toEqual({ key: nameReadingsKey(names), readings });
    // The first computation built the tokenizer (about a second on a laptop).
    expect(builds).toHaveBeenCalledTimes(1);

    const fresh = await freshModule();
    // Synchronous, before anything is prepared: from the store.
    expect(fresh.cachedNameReadings(db, names)).toEqual(readings);
    const changes = (): number => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const before = changes();
    const again = await freshModule();
    expect(await again.prepareNameReadings(db, names)).toEqual(readings);
    expect(changes()).toBe(before); // nothing made, nothing written
    expect(builds).toHaveBeenCalledTimes(1); // and no tokenizer built: read back from the store
    builds.mockRestore();

    // Other names (a new site): made again, under the new hash.
    db.prepare("INSERT INTO locations VALUES (99, '名古屋')").run();
    const changed = namesToRead(db, ALIASES);
    expect(again.cachedNameReadings(db, changed)).toEqual({});
    expect((await again.prepareNameReadings(db, changed))['名古屋']!.forms).toContain('nagoya');
    const stored = JSON.parse((db.prepare('SELECT value FROM meta WHERE key = ?').get(NAME_READINGS_KEY) as { value: string }).value) as { key: string };
    expect(stored.key).toBe(nameReadingsKey(changed));
    db.prepare('DELETE FROM locations WHERE location_id = 99').run();
  });

  it('a store opened read-only gets its readings made, kept in memory only', async () => {
    db.prepare('DELETE FROM meta WHERE key = ?').run(NAME_READINGS_KEY);
    const ro = new Database(file, { readonly: true });
    try {
      const fresh = await freshModule();
      const names = namesToRead(ro, ALIASES);
      expect(fresh.cachedNameReadings(ro, names)).toEqual({});
      const made = await fresh.prepareNameReadings(ro, names);
      expect(made).toEqual(readings);
      expect(fresh.cachedNameReadings(ro, names)).toEqual(readings);
      expect(ro.prepare('SELECT COUNT(*) AS n FROM meta WHERE key = ?').get(NAME_READINGS_KEY)).toEqual({ n: 0 });
      expect(createNameFinder(loadQueryNames(ro), ALIASES, made)('Hachioji').sites.map((h) => h.canonical)).toEqual(['八王子']);
      expect(createNameFinder(loadQueryNames(ro), ALIASES, made)('Takayamaの速度').operators.map((h) => h.canonical)).toEqual(['高山 麻由子']);
    } finally {
      ro.close();
    }
  });

  it('without its dictionary, no readings and one warning; the names still resolve in kanji', async () => {
    const fresh = await freshModule();
    const kuromoji = (await import('kuromoji')).default;
    const builder = vi.spyOn(kuromoji, 'builder').mockImplementation(() => {
      throw new Error('ENOENT: no dict');
    });
    const warn = vi.fn();
    try {
      const names = { sites: ['盛岡'], processes: [], businesses: [], operators: [] };
      expect(await fresh.prepareNameReadings(db, names, { warn })).toEqual({});
      expect(await fresh.prepareNameReadings(db, { ...names, sites: ['仙台'] }, { warn })).toEqual({});
      expect(warn).toHaveBeenCalledTimes(1);
      expect(builder).toHaveBeenCalledTimes(1);
    } finally {
      builder.mockRestore();
    }
  });
});
