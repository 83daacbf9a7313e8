import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSourceForm } from '../../../main/api/types.js';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { memorySecretStore, MYSQL_PASSWORD } from '../../../main/config/secretStore.js';
import { seedCompany } from '../../helpers/companyDb.js';
import { startMariaDb, type MariaDb } from '../../helpers/mariadb.js';
import { tempDir } from '../../helpers/tempDir.js';

const NOW = Date.parse('2025-10-23T15:40+09:00');

/**
 * A company whose arrivals keep the site's name in a VARBINARY column: mysql2 hands it over as bytes. Read at the edge as the
 * text it holds, it plans as the text column does, and the approval writes the sites' names, never '[object Object]'.
 */
describe('a binary site column (VARBINARY location_name) from a real MariaDB', () => {
  let maria: MariaDb;
  let form: DataSourceForm;
  const dirs: { remove: () => void }[] = [];
  const openApp = async (): Promise<GenbaApp> => {
    const d = tempDir();
    dirs.push(d);
    const app = createApp({ dataDir: d.path, secrets: memorySecretStore({ [MYSQL_PASSWORD]: 'genba-pw' }), syncRunner: 'inline', now: NOW });
    app.saveSource(form, { sync: false });
    await app.start();
    return app;
  };
  /** The plan and what it was made from: the demands (site, business, process, forecast) and the people, as the solver got them. */
  const planOf = async (app: GenbaApp) => {
    await app.syncNow();
    const plan = await app.planning.plan();
    const problem = {
      demands: plan.problem.demands.map((d) => ({ site: d.site, businessId: d.businessId, process: d.process, p50: d.p50, p80: d.p80 })),
      operators: plan.problem.operators.map((o) => ({ id: o.id, site: o.site })),
    };
    return { plan, problem, crossSite: plan.solution.assignments.filter((a) => a.crossSite).length };
  };

  beforeAll(async () => {
    maria = await startMariaDb();
    const conn = await maria.admin();
    await seedCompany(conn, { logs: 2000, planning: true });
    await conn.end();
    form = { host: '127.0.0.1', port: maria.port, database: maria.database, user: 'genba', tls: false };
  }, 300_000);

  afterAll(async () => {
    dirs.forEach((d) => d.remove());
    await maria?.destroy();
  });

  it('plans as with the text column, and the approval writes real site names to daily_assignments', async () => {
    const text = await openApp();
    const withText = await planOf(text);
    await text.stop();
    expect(withText.plan.solution.assignments.length).toBeGreaterThan(100);

    const conn = await maria.admin();
    await conn.query('ALTER TABLE arrivals MODIFY location_name VARBINARY(200) NOT NULL');
    const [sites] = (await conn.query('SELECT location_name FROM locations')) as unknown as [{ location_name: string }[]];
    await conn.end();
    const names = new Set(sites.map((s) => s.location_name));

    // The same problem, site for site. The solver may stop at its time limit on a busy machine, so its lines are compared by
    // what matters here: each is on a real site, and people stay on their own site as they do with the text column.
    const app = await openApp();
    const binary = await planOf(app);
    expect(binary.problem).toEqual(withText.problem);
    expect(binary.plan.solution.assignments.filter((a) => !names.has(a.site))).toEqual([]);
    expect(binary.crossSite).toBeLessThanOrEqual(withText.crossSite + 4);

    const decided = await app.planning.decide(binary.plan.planId, { action: 'approved' });
    expect(decided.delivered).toBe(true);
    const c2 = await maria.admin();
    const [rows] = (await c2.query('SELECT location_name, process_name FROM daily_assignments WHERE plan_id = ?', [binary.plan.planId])) as unknown as [
      { location_name: string; process_name: string }[],
    ];
    await c2.end();
    expect(rows).toHaveLength(binary.plan.solution.assignments.length);
    expect(rows.filter((r) => !names.has(r.location_name))).toEqual([]);
    await app.stop();
  }, 400_000);
});
