import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../workerThreads.js';
import { solveLp, type HighsResult, type SolveWork } from './planHighs.js';

export interface SolveRequest {
  lp: string;
  work: SolveWork;
  start: [string, number][] | null;
}
export type SolveReply = { result: Omit<HighsResult, 'values'> & { values: [string, number][] | null } } | { error: string };

/** More threads than this gain little: a plan has few models that can run at once (one per site, then repairs far apart). */
const MAX_THREADS = 8;

/**
 * HiGHS on several cores: each worker thread holds its own HiGHS and solves one model at a time.
 * A model's result depends only on its text, its work limit and its start (HiGHS counts work, it
 * never reads a clock), so which thread solves it, and when, changes nothing: a plan is the same on
 * one core or eight. With one core, models are solved on the calling thread.
 * Workers start with the first plan and are kept (each compiles HiGHS once); idle, they do not
 * keep the process alive.
 */
export class PlanSolvePool {
  private readonly idle: Worker[] = [];
  private readonly waiting: (() => void)[] = [];
  private started = 0;

  constructor(readonly threads = Math.min(MAX_THREADS, availableParallelism())) {}

  async solve(lp: string, work: SolveWork, start?: Map<string, number>): Promise<HighsResult> {
    if (this.threads <= 1) return solveLp(lp, work, start);
    const worker = await this.take();
    let alive = true;
    try {
      const reply = await new Promise<SolveReply>((resolve, reject) => {
        const onMessage = (r: SolveReply): void => {
          worker.off('error', onError);
          resolve(r);
        };
        const onError = (e: Error): void => {
          alive = false;
          worker.off('message', onMessage);
          reject(e);
        };
        worker.once('message', onMessage);
        worker.once('error', onError);
        worker.ref();
        worker.postMessage({ lp, work, start: start ? [...start] : null } satisfies SolveRequest);
      });
      if ('error' in reply) throw new Error(reply.error);
      return { ...reply.result, values: reply.result.values ? new Map(reply.result.values) : null };
    } finally {
      worker.unref();
      // A worker that died is dropped; the next model starts another.
      if (alive) this.idle.push(worker);
      else this.started--;
      this.waiting.shift()?.();
    }
  }

  /** Stops the idle workers (tests; an app closing ends them with the process). */
  async close(): Promise<void> {
    const all = this.idle.splice(0);
    this.started -= all.length;
    await Promise.all(all.map((w) => w.terminate()));
  }

  private async take(): Promise<Worker> {
    for (;;) {
      const w = this.idle.pop();
      if (w) return w;
      if (this.started < this.threads) {
        this.started++;
        return startWorker('planSolveWorker', 'plan/planSolveWorker.ts', null);
      }
      await new Promise<void>((r) => this.waiting.push(r));
    }
  }
}

/** The process's pool, shared by every plan (the app's, the CLI's, the backtest's). */
export const planSolvePool = new PlanSolvePool();
