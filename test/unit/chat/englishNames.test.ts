import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessAliases } from '../../../main/chat/businessAliases.js';
import { latinNamesOf, prepareNameReadings } from '../../../main/chat/nameReadings.js';
import { defaultEnglishName } from '../../../main/api/processEnglish.js';
import { createNameFinder, loadQueryNames, namesToRead } from '../../../main/chat/query/queryNames.js';
import { saveBusinessName, storedBusinessNames } from '../../../main/store/businessNames.js';
import { listProcessNames, saveProcessName } from '../../../main/store/processNames.js';
import { migrate } from '../../../main/store/migration.js';
import { StoreError } from '../../../main/store/storeError.js';
import { DEMO_DEFINITION } from '../../../main/sync/demo/demoDefinition.js';
import { storeDemoBusinessNames } from '../../../main/sync/demo/demoBusinessNames.js';
import { DEFAULT_DEMO_SEED } from '../../../main/config/config.js';
import { REQUEST_SCHEMAS } from '../../../main/api/contract.js';
import { tempDir } from '../../helpers/tempDir.js';
import { thrownBy } from '../../helpers/thrownBy.js';

/** A store with two sites, the demo's four processes and two businesses in its snapshots. */
function makeStore(path: string): Database.Database {
  const db = new Database(path);
  migrate(db);
  for (const [i, name] of ['札幌', '大阪'].entries()) db.prepare('INSERT INTO locations VALUES (?, ?)').run(i + 1, name);
  const snap = db.prepare(
    `INSERT INTO progress_snapshots (snapshot_time, location_name, business_id, process_name, expected_completion_time, total_waiting, entry_count)
     VALUES (0, ?, ?, ?, 0, 10, 10)`,
  );
  for (const p of ['エントリ1', 'エントリ2', '補正', '検証']) for (const b of ['523201', '611040']) snap.run('札幌', b, p);
  return db;
}

describe('English names of processes and businesses', () => {
  const dir = tempDir();
  let db: Database.Database;
  beforeAll(() => {
    db = makeStore(join(dir.path, 'genba.sqlite'));
  });
  afterAll(() => {
    db?.close();
    dir.remove();
  });

  it('names a process from a small declared vocabulary of process words, with its number; another word has none', () => {
    const cases: [string, string | null][] = [
      ['エントリ1', 'Entry 1'],
      ['エントリー２', 'Entry 2'],
      ['エントリ', 'Entry'],
      ['補正', 'Correction'],
      ['検証', 'Verification'],
      ['ベリファイ', 'Verify'],
      ['入力2', 'Input 2'],
      ['照合', 'Matching'],
      ['審査', 'Review'],
      ['仕訳', null],
      ['札幌エントリ', null],
    ];
    for (const [ja, en] of cases) expect(defaultEnglishName(ja), ja).toBe(en);
  });

  it("keeps the company's English name of a process and of a business; validates them", () => {
    expect(listProcessNames(db).map((p) => [p.process, p.nameEn, p.defaultEn])).toEqual([
      ['エントリ1', null, 'Entry 1'],
      ['エントリ2', null, 'Entry 2'],
      ['検証', null, 'Verification'],
      ['補正', null, 'Correction'],
    ]);
    saveProcessName(db, { process: 'エントリ1', nameEn: ' Keying 1 ' }, 1);
    expect(listProcessNames(db).find((p) => p.process === 'エントリ1')?.nameEn).toBe('Keying 1');
    // Japanese is not an English name; one name is one process's; a process the store does not have is refused.
    expect(thrownBy(StoreError, () => saveProcessName(db, { process: '補正', nameEn: 'ほせい' }, 1))).toMatchObject({ code: 'ENGLISH_NAME_INVALID' });
    expect(thrownBy(StoreError, () => saveProcessName(db, { process: '補正', nameEn: 'keying 1' }, 1))).toMatchObject({ code: 'ENGLISH_NAME_TAKEN' });
    expect(thrownBy(StoreError, () => saveProcessName(db, { process: '補正', nameEn: 'Entry 2' }, 1))).toMatchObject({ code: 'ENGLISH_NAME_TAKEN' });
    expect(thrownBy(StoreError, () => saveProcessName(db, { process: '仕訳', nameEn: 'Journal' }, 1))).toMatchObject({ code: 'PROCESS_UNKNOWN' });
    saveBusinessName(db, { id: '611040', name: '医療レセプト', aliases: ['レセ'], nameEn: 'Medical claims' }, 1);
    expect(storedBusinessNames(db).find((b) => b.id === '611040')).toMatchObject({ name: '医療レセプト', nameEn: 'Medical claims' });
    expect(thrownBy(StoreError, () => saveBusinessName(db, { id: '523201', name: 'SS', aliases: [], nameEn: '医療' }, 1))).toMatchObject({
      code: 'ENGLISH_NAME_INVALID',
    });
    expect(thrownBy(StoreError, () => saveBusinessName(db, { id: '523201', name: 'SS', aliases: [], nameEn: 'medical claims' }, 1))).toMatchObject({
      code: 'BUSINESS_NAME_TAKEN',
    });
    // An empty English name removes it: the default is in force again.
    saveProcessName(db, { process: 'エントリ2', nameEn: 'Keying 2' }, 1);
    saveProcessName(db, { process: 'エントリ2', nameEn: '' }, 2);
    expect(listProcessNames(db).find((p) => p.process === 'エントリ2')?.nameEn).toBeNull();
  });

  it('writes English answers with them and reads English questions with them: "keying 1", "medical claims", "verification"', async () => {
    const aliases = businessAliases(storedBusinessNames(db), {});
    const readings = await prepareNameReadings(db, namesToRead(db, aliases));
    const latin = latinNamesOf(readings);
    expect(latin).toMatchObject({
      エントリ1: 'Keying 1',
      エントリ2: 'Entry 2',
      補正: 'Correction',
      検証: 'Verification',
      医療レセプト: 'Medical claims',
      札幌: 'Sapporo',
    });
    const find = createNameFinder(loadQueryNames(db), aliases, readings);
    const hit = (text: string) => {
      const f = find(text);
      return { sites: f.sites.map((h) => h.canonical), processes: f.processes.map((h) => h.canonical), businesses: f.businesses.map((h) => h.canonical) };
    };
    expect(hit('How many items are left in keying 1 in Sapporo?')).toEqual({ sites: ['札幌'], processes: ['エントリ1'], businesses: [] });
    expect(hit('Is medical claims verification on time?')).toEqual({ sites: [], processes: ['検証'], businesses: ['611040'] });
    expect(hit('entry 2 for the Medical Claims job')).toEqual({ sites: [], processes: ['エントリ2'], businesses: ['611040'] });
  });

  it('the demo company names its businesses in English, stored like their Japanese names: SS, Medical claims, Customer survey', () => {
    expect(DEMO_DEFINITION.businesses.map((b) => [b.name, b.nameEn])).toEqual([
      ['SS', 'SS'],
      ['医療レセプト', 'Medical claims'],
      ['顧客アンケート', 'Customer survey'],
    ]);
    const demo = new Database(join(dir.path, 'demo.sqlite'));
    migrate(demo);
    storeDemoBusinessNames(demo, { kind: 'demo', seed: DEFAULT_DEMO_SEED } as never, 1);
    expect(demo.prepare('SELECT business_id, name, name_en FROM business_names ORDER BY business_id').all()).toEqual([
      { business_id: '523201', name: 'SS', name_en: 'SS' },
      { business_id: '611040', name: '医療レセプト', name_en: 'Medical claims' },
      { business_id: '704518', name: '顧客アンケート', name_en: 'Customer survey' },
    ]);
    demo.close();
  });

  it('the IPC takes an English name in Latin letters only, 50 characters at most', () => {
    expect(REQUEST_SCHEMAS['processes.save'].safeParse({ process: 'エントリ1', nameEn: ' Keying 1 ' })).toMatchObject({
      success: true,
      data: { nameEn: 'Keying 1' },
    });
    expect(REQUEST_SCHEMAS['processes.save'].safeParse({ process: 'エントリ1', nameEn: 'えんとり' }).success).toBe(false);
    expect(REQUEST_SCHEMAS['processes.save'].safeParse({ process: 'エントリ1', nameEn: 'x'.repeat(51) }).success).toBe(false);
    expect(REQUEST_SCHEMAS['processes.save'].safeParse({ process: 'エントリ1', nameEn: 'A', extra: 1 }).success).toBe(false);
    expect(REQUEST_SCHEMAS['businesses.save'].safeParse({ id: '611040', name: '医療レセプト', aliases: [], nameEn: 'Medical claims' }).success).toBe(true);
    expect(REQUEST_SCHEMAS['businesses.save'].safeParse({ id: '611040', name: '医療レセプト', aliases: [], nameEn: '医療' }).success).toBe(false);
  });
});
