import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenbaApp } from '../../../main/app.js';
import { createHandlerTable } from '../../../main/handlerTable.js';
import { startCompanyApp } from '../../helpers/companyApp.js';
import type { MariaDb } from '../../helpers/mariadb.js';
import { tempDir } from '../../helpers/tempDir.js';

/**
 * Business names at a company whose own database is the source (issue 26, item 5): the
 * demo company's names are not the company's, and the names the manager gives its businesses
 * in Settings (kept in the store) are the ones the assistant and the screens use.
 */
describe("business names at a company's own database", () => {
  let maria: MariaDb;
  let app: GenbaApp;
  const dir = tempDir();
  const businessOf = async (question: string) => app.assistant.readQuery(question).query.business[0] ?? null;

  beforeAll(async () => {
    // The demo company's rows, so its business ids (523201) are this company's too: only the names may tell them apart.
    ({ maria, app } = await startCompanyApp(dir.path, { logs: 200 }));
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
    dir.remove();
    await maria?.destroy();
  });

  it("does not resolve the demo company's 「SS」, and resolves the name and alias stored for the company's business", async () => {
    expect(await businessOf('SSの締切に間に合いますか')).toBeNull();
    expect(await businessOf('523201の締切に間に合いますか')).toBe('523201');
    expect(app.overview().businessNames['523201']).toBeUndefined();

    const table = createHandlerTable(app);
    const saved = await table['businesses.save']({ id: '523201', name: '健診データ入力', aliases: ['けんしん', 'KS'] });
    expect(saved).toMatchObject({ ok: true });
    expect(app.assistant.businessNames().find((b) => b.id === '523201')).toEqual({
      id: '523201',
      name: '健診データ入力',
      aliases: ['けんしん', 'KS'],
      from: 'settings',
      // No English name given: English screens write the name's reading.
      nameEn: null,
    });

    expect(await businessOf('健診データ入力の締切に間に合いますか')).toBe('523201');
    expect(await businessOf('けんしんは間に合う？')).toBe('523201');
    expect(await businessOf('KS の締切')).toBe('523201');
    expect(await businessOf('SSの締切に間に合いますか')).toBeNull();
    expect(app.overview().businessNames['523201']).toBe('健診データ入力');

    // An empty name removes the manager's entry; the request is validated like every channel's.
    expect(await table['businesses.save']({ id: '523201', name: '', aliases: [] })).toMatchObject({ ok: true });
    expect(await businessOf('健診データ入力の締切に間に合いますか')).toBeNull();
    expect(await table['businesses.save']({ id: '523201', name: 'x'.repeat(51), aliases: [] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
