import { spawn } from 'node:child_process';
import { cpus } from 'node:os';

/**
 * Busy loops on every core (`perCore` of them), as another program would make them: what must not depend on the
 * machine's load is checked under them. Each loop ends by itself after `ms` (a test that dies leaves none spinning);
 * `stop` kills them at once.
 */
export function busyCores(o: { perCore?: number; ms?: number } = {}): { stop: () => void } {
  const ms = o.ms ?? 120_000;
  const spinners = Array.from({ length: cpus().length * (o.perCore ?? 2) }, () =>
    spawn(process.execPath, ['-e', `const end = Date.now() + ${ms}; while (Date.now() < end) Math.sqrt(Math.random());`], { stdio: 'ignore' }),
  );
  return { stop: () => spinners.forEach((s) => s.kill('SIGKILL')) };
}
