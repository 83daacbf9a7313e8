import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store/migration.js';
import { listBusinessNames, replaceSourceBusinessNames, saveBusinessName, storedBusinessNames } from '../../../main/store/businessNames.js';
import { storeDemoBusinessNames } from '../../../main/sync/demo/demoBusinessNames.js';
import { businessAliases } from '../../../main/chat/assistantService.js';
import { StoreError } from '../../../main/store/storeError.js';
import { thrownBy } from '../../helpers/thrownBy.js';

/** A store whose progress copy comes from `sourceId`, with snapshots of the given businesses. */
function storeFrom(sourceId: string, businessIds: string[]): Database.Database {
  const db = new Database(':memory:');
  migrate(db);
  db.prepare("INSERT INTO sync_state (table_name, source_id, updated_at) VALUES ('progress_snapshots', ?, 0)").run(sourceId);
  const insert = db.prepare("INSERT INTO progress_snapshots VALUES (?, 0, '札幌', ?, 'エントリ1', NULL, 0, 0, 0)");
  businessIds.forEach((id, i) => insert.run(i + 1, id));
  return db;
}

describe('business names in the store (migration 011)', () => {
  it("counts the demo company's names only while the local copy is the demo's", () => {
    const demo = storeFrom('demo:20251023', ['523201']);
    storeDemoBusinessNames(demo, { kind: 'demo', seed: 20251023 }, 1);
    expect(storedBusinessNames(demo).find((b) => b.id === '523201')).toEqual({
      id: '523201',
      name: 'SS',
      aliases: ['SSぎょうむ'],
      from: 'source',
      nameEn: 'SS',
    });
    expect(businessAliases(storedBusinessNames(demo), {})).toMatchObject({ SS: '523201', SS業務: '523201', SSぎょうむ: '523201' });

    // The same rows at a company's own database: the demo's names are not the company's.
    const company = storeFrom('mysql://genba@db:3306/company', ['523201']);
    storeDemoBusinessNames(company, { kind: 'demo', seed: 20251023 }, 1);
    expect(storedBusinessNames(company)).toEqual([]);
    expect(businessAliases(storedBusinessNames(company), {})).toEqual({});
    // Started at a company, the demo's names wait under the default demo's id, in force once the copy is the demo's again (Settings' switch).
    const other = storeFrom('mysql://genba@db:3306/company', ['523201']);
    storeDemoBusinessNames(other, { kind: 'mysql' } as never, 1);
    expect(storedBusinessNames(other)).toEqual([]);
    other.prepare("UPDATE sync_state SET source_id = 'demo:20251023'").run();
    expect(storedBusinessNames(other).map((b) => b.name)).toContain('SS');
  });

  it("lets the manager's name win over the source's, and an empty name fall back to it", () => {
    const db = storeFrom('demo:1', ['523201', '611040']);
    replaceSourceBusinessNames(db, 'demo:1', [{ id: '523201', name: 'SS', aliases: [] }], 1);
    saveBusinessName(db, { id: '523201', name: ' 健診 ', aliases: ['けんしん', ' 健診 ', '', 'けんしん'] }, 2);
    expect(listBusinessNames(db)).toEqual([
      { id: '523201', name: '健診', aliases: ['けんしん'], from: 'settings', nameEn: null },
      { id: '611040', name: null, aliases: [], from: null, nameEn: null },
    ]);
    // placement.aliases from config.json stays over the stored names.
    expect(businessAliases(storedBusinessNames(db), { けんしん: '611040' })).toMatchObject({ 健診: '523201', 健診業務: '523201', けんしん: '611040' });
    saveBusinessName(db, { id: '523201', name: '', aliases: [] }, 3);
    expect(listBusinessNames(db)[0]).toEqual({ id: '523201', name: 'SS', aliases: [], from: 'source', nameEn: null });
  });

  it('writes nothing when the source says what the store already holds (a start on a full disk, beside another sync)', () => {
    const db = storeFrom('demo:20251023', ['523201']);
    storeDemoBusinessNames(db, { kind: 'demo', seed: 20251023 }, 1);
    const changes = db.prepare('SELECT total_changes() AS n').get() as { n: number };
    storeDemoBusinessNames(db, { kind: 'demo', seed: 20251023 }, 2);
    expect(db.prepare('SELECT total_changes() AS n').get()).toEqual(changes);
    expect(replaceSourceBusinessNames(db, 'demo:20251023', [{ id: '523201', name: 'SS2', aliases: [] }], 3)).toBe(true);
    expect(storedBusinessNames(db).find((b) => b.id === '523201')?.name).toBe('SS2');
  });

  it('refuses a business the local copy lacks, and a name or alias another business answers to, changing nothing', () => {
    const db = storeFrom('demo:1', ['523201', '611040']);
    replaceSourceBusinessNames(db, 'demo:1', [{ id: '523201', name: 'SS', aliases: ['エスエス'] }], 1);
    const before = listBusinessNames(db);
    expect(thrownBy(StoreError, () => saveBusinessName(db, { id: '999999', name: '夜間', aliases: [] }, 2)).code).toBe('BUSINESS_UNKNOWN');
    // Width and case folded, as the assistant reads them: ＳＳ and ss are SS.
    const taken = thrownBy(StoreError, () => saveBusinessName(db, { id: '611040', name: '医療', aliases: ['ｓｓ'] }, 2));
    expect([taken.code, taken.text.ja]).toEqual(['BUSINESS_NAME_TAKEN', '「ｓｓ」はすでに「SS」の名前か別名です。別の言葉にしてください。']);
    expect(thrownBy(StoreError, () => saveBusinessName(db, { id: '611040', name: 'エスエス', aliases: [] }, 2)).code).toBe('BUSINESS_NAME_TAKEN');
    expect(listBusinessNames(db)).toEqual(before);
    // Its own name again, with a new alias, is no clash.
    saveBusinessName(db, { id: '523201', name: 'SS', aliases: ['エスエス', 'えすえす'] }, 3);
    expect(storedBusinessNames(db).find((b) => b.id === '523201')?.aliases).toEqual(['エスエス', 'えすえす']);
  });
});
