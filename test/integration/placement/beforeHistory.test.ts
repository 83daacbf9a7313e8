import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beforeHistory } from '../../../main/chat/beforeHistory.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { tempDir } from '../../helpers/tempDir.js';

/** A year before the store's first record is said to have none, with where the data starts (SQL of the same store). */
describe('a year before the records', () => {
  const dir = tempDir();
  let db: Database.Database;
  beforeAll(async () => {
    await copyDemoStore(dir.path);
    db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
  });
  afterAll(() => {
    db?.close();
    dir.remove();
  });

  it('names the first day of the arrivals, attendance or snapshots; a year with records, or none named, is no such question', () => {
    const first = (db.prepare('SELECT MIN(attendance_date) AS d FROM attendance_records').get() as { d: string }).d;
    expect(beforeHistory(db, '2018年の大阪の欠勤率は？')).toEqual({ year: 2018, first });
    expect(beforeHistory(db, 'absence in 2019 vs 2025')).toEqual({ year: 2019, first });
    expect(beforeHistory(db, `${first.slice(0, 4)}年の残業`)).toBeNull();
    expect(beforeHistory(db, '札幌の残件は？')).toBeNull();
    // Numbers that are no year: a count of items, a business id.
    expect(beforeHistory(db, '業務523201で1500件以上残ってる？')).toBeNull();
    expect(beforeHistory(db, '札幌で2000件以上残ってる？')).toBeNull();
    expect(beforeHistory(db, 'more than 2000 items left?')).toBeNull();
  });
});
