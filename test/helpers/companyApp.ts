import { createApp, type GenbaApp } from '../../main/app.js';
import { memorySecretStore, MYSQL_PASSWORD } from '../../main/config/secretStore.js';
import { seedCompany } from './companyDb.js';
import { startMariaDb, type MariaDb } from './mariadb.js';

/**
 * The app at a company whose own database is the source: a real MariaDB seeded with the demo
 * company's rows (`logs` log lines), the app's clock at the demo's afternoon, one sync done.
 */
export async function startCompanyApp(dataDir: string, options: { logs: number }): Promise<{ maria: MariaDb; app: GenbaApp }> {
  const maria = await startMariaDb();
  const app = createApp({ dataDir, now: Date.parse('2025-10-23T15:40+09:00'), secrets: memorySecretStore({ [MYSQL_PASSWORD]: 'genba-pw' }) });
  try {
    const conn = await maria.admin();
    await seedCompany(conn, { logs: options.logs });
    await conn.end();
    app.saveSource({ host: '127.0.0.1', port: maria.port, database: maria.database, user: 'genba', tls: false }, { sync: false });
    await app.start();
    await app.syncNow();
    return { maria, app };
  } catch (error) {
    // The caller's afterAll has nothing to stop: give the server and the store back here.
    await app.stop().catch(() => {});
    await maria.destroy();
    throw error;
  }
}
