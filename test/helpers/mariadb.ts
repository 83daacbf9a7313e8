import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import mysql from 'mysql2/promise';
import { freePort } from './freePort.js';
import { tempDir } from './tempDir.js';

const MARIADBD = ['/usr/sbin/mariadbd', '/usr/bin/mariadbd'].find(existsSync);

export interface MariaDb {
  port: number;
  database: string;
  /** Connection as root over TCP (the sync connects as `genba`). */
  admin(): Promise<mysql.Connection>;
  /** Stops the server cleanly (data kept), or kills it (as a crash or outage). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Kills the server at once (SIGKILL): connections drop mid-query, as in a crash. */
  crash(): Promise<void>;
  /** Stops the server and deletes its data. */
  destroy(): Promise<void>;
}

/**
 * A fresh server's system tables, made once per MariaDB version by mariadb-install-db and copied for each server: the
 * same files every install writes, without a bootstrap server per test file.
 */
function installedDataTemplate(): string {
  const version = spawnSync(MARIADBD!, ['--version'], { encoding: 'utf8' })
    .stdout.trim()
    .replace(/[^\w.-]+/g, '_');
  const done = join(tmpdir(), 'genba-test-mariadb-template', version);
  if (existsSync(join(done, 'mysql'))) return done;
  const building = `${done}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(join(building, 'tmp'), { recursive: true });
  const install = spawnSync(
    'mariadb-install-db',
    [
      '--no-defaults',
      `--datadir=${join(building, 'data')}`,
      `--tmpdir=${join(building, 'tmp')}`,
      '--user=root',
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ],
    { encoding: 'utf8' },
  );
  if (install.status !== 0) throw new Error(`mariadb-install-db failed: ${install.stderr}`);
  try {
    // Two workers may build it at once: the first rename wins and the other's copy is the same.
    renameSync(join(building, 'data'), done);
  } catch (error) {
    if (!existsSync(join(done, 'mysql'))) throw error;
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return done;
}

/**
 * A real MariaDB server of Debian's package in a temp folder, on a free port, with the
 * company schema and a `genba` user (password `genba-pw`) that may read everything and
 * write only approval_history.
 */
export async function startMariaDb(database = 'company'): Promise<MariaDb> {
  if (!MARIADBD) throw new Error('mariadbd not found: apt-get install mariadb-server');
  const dir = tempDir('genba-mariadb-');
  const data = join(dir.path, 'data');
  // A temp folder of its own: a server deletes every #sql* file of its tmpdir when it starts,
  // so servers sharing /tmp delete each other's temporary tables.
  const tmp = join(dir.path, 'tmp');
  cpSync(installedDataTemplate(), data, { recursive: true });
  mkdirSync(tmp);
  const port = await freePort();
  let proc: ChildProcess | null = null;

  const start = async (): Promise<void> => {
    proc = spawn(
      MARIADBD,
      [
        '--no-defaults',
        '--user=root',
        `--datadir=${data}`,
        `--tmpdir=${tmp}`,
        `--socket=${join(dir.path, 'sock')}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        '--skip-log-bin',
        '--skip-name-resolve',
        '--innodb-buffer-pool-size=256M',
        '--innodb-flush-log-at-trx-commit=2',
        '--max-connections=50',
      ],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 200; i++) {
      try {
        const c = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root' });
        await c.end();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error('MariaDB did not start within 20 s');
  };

  const stopped = (): Promise<void> =>
    new Promise((ok) => {
      if (!proc || proc.exitCode !== null) return ok();
      proc.once('exit', () => ok());
    });

  const admin = (): Promise<mysql.Connection> =>
    mysql.createConnection({ host: '127.0.0.1', port, user: 'root', database, multipleStatements: true, dateStrings: true });

  await start();
  const root = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root', multipleStatements: true });
  await root.query(`CREATE DATABASE ${database} DEFAULT CHARSET utf8mb4`);
  await root.query(`USE ${database}`);
  await root.query(readFileSync(resolve('resources/mysql/company_schema.sql'), 'utf8'));
  await root.query(`CREATE USER 'genba'@'%' IDENTIFIED BY 'genba-pw';
    GRANT SELECT ON ${database}.* TO 'genba'@'%';
    GRANT INSERT, UPDATE ON ${database}.approval_history TO 'genba'@'%';
    GRANT INSERT, UPDATE ON ${database}.daily_assignments TO 'genba'@'%';`);
  await root.end();

  return {
    port,
    database,
    admin,
    async stop() {
      proc?.kill('SIGTERM');
      await stopped();
    },
    start,
    async crash() {
      proc?.kill('SIGKILL');
      await stopped();
    },
    async destroy() {
      proc?.kill('SIGKILL');
      await stopped();
      dir.remove();
    },
  };
}

/** The company MySQL options of a test server, as the `genba` user reads app_logs (log-group sources). */
export function logSourceOptions(maria: MariaDb, timeZone: string) {
  return {
    host: '127.0.0.1',
    port: maria.port,
    database: maria.database,
    user: 'genba',
    password: 'genba-pw',
    tls: { enabled: false, rejectUnauthorized: true },
    connectTimeoutMs: 5000,
    queryTimeoutMs: 30_000,
    timeZone,
    tables: ['app_logs'] as const,
  };
}
