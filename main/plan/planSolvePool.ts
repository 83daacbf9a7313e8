import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../workerThreads.js';
import { solveLp, type HighsResult, type SolveWork } from './planHighs.js';

export interface SolveRequest {
  lp: string;
  work: SolveWork;
  start: [string, number][] | null;
}
/** What a solver thread is sent: a model to solve, `load` (load HiGHS now, answer nothing) or `warm` (load it and solve warmUpModel, answer nothing). */
export type SolverMessage = SolveRequest | 'load' | 'warm';
export type SolveReply = { result: Omit<HighsResult, 'values'> & { values: [string, number][] | null } } | { error: string };

/** More threads than this gain little: a plan has few models that can run at once (one per site, then repairs far apart). */
const MAX_THREADS = 8;

/** A worker thread and the solve it is on (null when idle). */
interface Slot {
  worker: Worker;
  current: { resolve: (r: SolveReply) => void; reject: (e: Error) => void } | null;
  dead: boolean;
}

/**
 * HiGHS on several cores: each worker thread holds its own HiGHS and solves one model at a time.
 * A model's result depends only on its text, its work limit and its start (HiGHS counts work, it
 * never reads a clock), so which thread solves it, and when, changes nothing: a plan is the same on
 * one core or eight. With one core, models are solved on the calling thread.
 * Workers start with the first plan and are kept (each compiles HiGHS once); idle, they do not
 * keep the process alive. A worker that dies, exits or answers with an error (HiGHS aborted: its
 * WebAssembly is not to be trusted after that) fails the model it was on and is replaced.
 */
export class PlanSolvePool {
  private readonly idle: Slot[] = [];
  private readonly waiting: (() => void)[] = [];
  private started = 0;

  constructor(readonly threads = Math.min(MAX_THREADS, availableParallelism())) {}

  async solve(lp: string, work: SolveWork, start?: Map<string, number>): Promise<HighsResult> {
    if (this.threads <= 1) return solveLp(lp, work, start);
    const slot = await this.take();
    try {
      const reply = await new Promise<SolveReply>((resolve, reject) => {
        slot.current = { resolve, reject };
        slot.worker.ref();
        slot.worker.postMessage({ lp, work, start: start ? [...start] : null } satisfies SolverMessage);
      });
      if ('error' in reply) {
        this.retire(slot);
        throw new Error(reply.error);
      }
      return { ...reply.result, values: reply.result.values ? new Map(reply.result.values) : null };
    } finally {
      slot.current = null;
      if (!slot.dead) {
        slot.worker.unref();
        this.idle.push(slot);
      }
      this.waiting.shift()?.();
    }
  }

  /**
   * Starts every thread and has each load HiGHS: called as a plan starts reading its inputs, so
   * that the threads' start and HiGHS's load and compile (a part of a cold plan's solve:
   * docs/bench/2026-11-27-plan-cold-start.md) are done by the time its first model comes. The first thread started also solves a made-up model
   * (warmUpModel), so that V8 has optimized HiGHS's hot code, which every thread then runs, before
   * the plan's first model: one thread only, so that on two cores the reading keeps a core (every
   * thread warming, tried before, slowed the reading as much as it saved). Threads already started
   * are left as they are. A model sent to the warming thread meanwhile waits for the warm-up to end.
   */
  prestart(): void {
    if (this.threads <= 1) return;
    const cold = this.started === 0;
    while (this.started < this.threads) {
      const slot = this.spawn();
      slot.worker.postMessage((cold && this.started === 1 ? 'warm' : 'load') satisfies SolverMessage);
      this.idle.push(slot);
      this.waiting.shift()?.();
    }
  }

  /** Threads running now (started, not yet retired). */
  get startedThreads(): number {
    return this.started;
  }

  /** Stops the idle workers (tests; an app closing ends them with the process). */
  async close(): Promise<void> {
    const all = [...this.idle];
    for (const s of all) this.retire(s);
    await Promise.all(all.map((s) => s.worker.terminate()));
  }

  private async take(): Promise<Slot> {
    for (;;) {
      const slot = this.idle.pop();
      if (slot) return slot;
      if (this.started < this.threads) return this.spawn();
      await new Promise<void>((r) => this.waiting.push(r));
    }
  }

  private spawn(): Slot {
    const worker = startWorker('planSolveWorker', 'plan/planSolveWorker.ts', null);
    this.started++;
    const slot: Slot = { worker, current: null, dead: false };
    const fail = (e: Error): void => {
      const current = slot.current;
      this.retire(slot);
      current?.reject(e);
    };
    worker.on('message', (r: SolveReply) => slot.current?.resolve(r));
    worker.on('error', fail);
    worker.on('messageerror', fail);
    worker.on('exit', (code) => fail(new Error(`the plan's solver thread stopped (exit code ${code})`)));
    worker.unref();
    return slot;
  }

  /** Takes a worker out of the pool for good (it died, or its HiGHS failed); a new one starts for the next model. */
  private retire(slot: Slot): void {
    if (slot.dead) return;
    slot.dead = true;
    this.started--;
    const at = this.idle.indexOf(slot);
    if (at >= 0) this.idle.splice(at, 1);
    // A worker already gone ends at once; one whose HiGHS failed is stopped.
    void slot.worker.terminate();
    this.waiting.shift()?.();
  }
}

/** The process's pool, shared by every plan (the app's, the CLI's, the backtest's). */
export const planSolvePool = new PlanSolvePool();
