import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, ClickHouseLogLevel, type ClickHouseClient } from '@clickhouse/client';
import { freePort } from './freePort.js';
import { clickhouseLogsSchema, type ClickHouseLogsConfig } from '../../main/config/logsConfig.js';
import { tempDir } from './tempDir.js';

/** Debian's clickhouse-server (18.16), or a current ClickHouse's single binary. */
const SERVER = [
  ['/usr/bin/clickhouse-server', []],
  ['/usr/sbin/clickhouse-server', []],
  ['/usr/bin/clickhouse', ['server']],
].find(([path]) => existsSync(path as string)) as [string, string[]] | undefined;

export const CLICKHOUSE_PASSWORD = 'genba-ch-pw';

/** The logs config for the `genba` user and logs.app_logs on `url`, defaults filled in as config.json's would be. */
export function logsConfig(url: string, change: Partial<ClickHouseLogsConfig> = {}): ClickHouseLogsConfig {
  return clickhouseLogsSchema.parse({ kind: 'clickhouse', url, database: 'logs', table: 'app_logs', user: 'genba', ...change });
}

export interface ClickHouse {
  port: number;
  url: string;
  /** As the `default` user (no password), for setting up and checking. */
  client: ClickHouseClient;
  exec(sql: string): Promise<void>;
  query<T>(sql: string): Promise<T[]>;
  /** Kills the server at once (SIGKILL), as in a crash. */
  crash(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * A real ClickHouse server in a temp folder on free loopback ports: `default` without a
 * password, and `genba` with CLICKHOUSE_PASSWORD. Starts in a few seconds.
 */
export async function startClickHouse(): Promise<ClickHouse> {
  if (!SERVER) throw new Error('clickhouse-server not found: apt-get install clickhouse-server');
  const dir = tempDir('genba-clickhouse-');
  const [http, tcp] = [await freePort(), await freePort()];
  for (const d of ['data', 'tmp', 'user_files', 'format_schemas']) mkdirSync(join(dir.path, d));
  writeFileSync(
    join(dir.path, 'config.xml'),
    `<yandex>
  <logger><level>warning</level><console>1</console></logger>
  <http_port>${http}</http_port>
  <tcp_port>${tcp}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir.path}/data/</path>
  <tmp_path>${dir.path}/tmp/</tmp_path>
  <user_files_path>${dir.path}/user_files/</user_files_path>
  <format_schema_path>${dir.path}/format_schemas/</format_schema_path>
  <users_config>users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>67108864</mark_cache_size>
</yandex>
`,
  );
  writeFileSync(
    join(dir.path, 'users.xml'),
    `<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage><log_queries>1</log_queries></default></profiles>
  <users>
    <default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default>
    <genba><password>${CLICKHOUSE_PASSWORD}</password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></genba>
  </users>
  <quotas><default></default></quotas>
</yandex>
`,
  );
  const url = `http://127.0.0.1:${http}`;
  const client = createClient({ url, log: { level: ClickHouseLogLevel.OFF }, request_timeout: 600_000 });
  let proc: ChildProcess | null = null;

  const start = async (): Promise<void> => {
    proc = spawn(SERVER[0], [...SERVER[1], `--config-file=${join(dir.path, 'config.xml')}`], { cwd: dir.path, stdio: 'ignore' });
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`${url}/ping`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('clickhouse-server did not start in 30 s');
  };
  const stopped = (): Promise<void> =>
    new Promise((ok) => {
      if (!proc || proc.exitCode !== null) return ok();
      proc.once('exit', () => ok());
    });
  await start();
  return {
    port: http,
    url,
    client,
    exec: async (sql) => {
      await client.command({ query: sql });
    },
    query: async <T>(sql: string) => (await (await client.query({ query: sql, format: 'JSONEachRow' })).json()) as T[],
    crash: async () => {
      proc?.kill('SIGKILL');
      await stopped();
    },
    start,
    destroy: async () => {
      await client.close().catch(() => {});
      proc?.kill('SIGKILL');
      await stopped();
      dir.remove();
    },
  };
}
