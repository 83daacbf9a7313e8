// Worker-thread entry: solves the staffing plan's models (LP text) one at a time, so that a plan's independent models run on several cores.
import { parentPort } from 'node:worker_threads';
import { highsSolver } from '../highsSolver.js';
import { solveLp } from './planHighs.js';
import type { SolveReply, SolverMessage } from './planSolvePool.js';
import { warmUpModel } from './warmUpModel.js';

const port = parentPort!;
port.on('message', (req: SolverMessage) => {
  // Loaded ahead of the first model (PlanSolvePool.prestart); a failure to load fails that model.
  if (req === 'load') {
    highsSolver().catch(() => {});
    return;
  }
  // The same, and then a made-up model solved and thrown away, so that HiGHS's code is optimized before the plan's first model (warmUpModel.ts).
  if (req === 'warm') {
    const { lp, work } = warmUpModel();
    solveLp(lp, work).catch(() => {});
    return;
  }
  void solveLp(req.lp, req.work, req.start ? new Map(req.start) : undefined)
    .then((r): SolveReply => ({ result: { ...r, values: r.values ? [...r.values] : null } }))
    .catch((e: unknown): SolveReply => ({ error: e instanceof Error ? e.message : String(e) }))
    .then((reply) => port.postMessage(reply));
});
