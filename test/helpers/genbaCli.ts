import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The built `genba` (npm run build first), run as a manager runs it. The caller's data
 * folder and MySQL password never leak in from the environment, and stdin is closed so
 * that nothing waits on a prompt.
 */
export function runGenba(args: string[], env: Record<string, string> = {}, user?: { uid: number; gid: number }): CliRun {
  const r = spawnSync(process.execPath, [resolve('bin/genba.mjs'), ...args], {
    encoding: 'utf8',
    ...(user ?? {}),
    env: { ...process.env, GENBA_DATA_DIR: '', GENBA_MYSQL_PASSWORD: '', GENBA_CLICKHOUSE_PASSWORD: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The built `genba` as a background process: for runs that must overlap, or be timed. `slowed`: the process is stopped
 * (SIGSTOP) for `pauseMs` after every `runMs` it runs, so that its clock runs `(runMs + pauseMs) / runMs` times faster
 * than its work, as on a loaded machine, without using the CPU a busy loop would take from the other tests.
 */
export function spawnGenba(
  args: string[],
  env: Record<string, string> = {},
  slowed?: { runMs: number; pauseMs: number },
): Promise<CliRun & { ms: number; pauses: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [resolve('bin/genba.mjs'), ...args], {
    env: { ...process.env, GENBA_DATA_DIR: '', GENBA_MYSQL_PASSWORD: '', GENBA_CLICKHOUSE_PASSWORD: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let pauses = 0;
  let timer: NodeJS.Timeout | undefined;
  const pause = (): void => {
    if (!slowed || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGSTOP');
    pauses++;
    timer = setTimeout(() => {
      child.kill('SIGCONT');
      timer = setTimeout(pause, slowed.runMs);
    }, slowed.pauseMs);
  };
  if (slowed) timer = setTimeout(pause, slowed.runMs);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString('utf8');
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });
  return new Promise((ok) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      ok({ code, stdout, stderr, ms: performance.now() - started, pauses });
    }),
  );
}
