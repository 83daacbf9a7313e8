import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export interface CliRun { code: number | null; stdout: string; stderr: string }

/**
 * The built `genba` (npm run build first), run as a manager runs it. The caller's data
 * folder and MySQL password never leak in from the environment, and stdin is closed so
 * that nothing waits on a prompt.
 */
export function runGenba(args: string[], env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, [resolve('bin/genba.mjs'), ...args], {
    encoding: 'utf8', env: { ...process.env, GENBA_DATA_DIR: '', GENBA_MYSQL_PASSWORD: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
