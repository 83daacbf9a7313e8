import type { Worker } from 'node:worker_threads';
import { startWorker } from '../workerThreads.js';
import type { EventBus } from '../api/eventBus.js';
import { describeError, type ErrorPayload, toErrorPayload } from '../errors.js';
import type { AppLog } from '../applog/appLog.js';
import type { SyncProgress } from './syncEngine.js';
import { SyncError } from './syncError.js';
import { executeJob } from './executeJob.js';
import { deserializeError, type SerializedError } from './serializedError.js';
import type { JobResult, SyncJob } from './syncJob.js';
import { SYNC_GROUPS, type SyncGroup } from './tableSpecs.js';
import type { AppEnv } from '../config/appEnv.js';

/** `reset`: forget the local copy first (demo --reset); done inside the job, under the sync lock. */
export interface RunOptions {
  reset?: boolean;
}

export interface SyncRunInfo {
  at: number;
  ok: boolean;
  rows: number;
  error: ErrorPayload | null;
}
export interface SyncServiceStatus {
  running: boolean;
  current: SyncProgress | null;
  lastRun: SyncRunInfo | null;
}

/** Syncs on a schedule and on demand, never two at once in this process (and one per data folder across processes). */
export interface SyncService {
  /**
   * Runs a sync of these groups, or only the delivery of decisions ('deliver'). A sync
   * requested while one runs joins the follow-up run, which merges every such request.
   * A delivery runs beside a sync, never behind it (see deliver below).
   */
  run(kind?: SyncJob['kind'], groups?: SyncGroup[], opts?: RunOptions): Promise<JobResult>;
  status(): SyncServiceStatus;
  /** Progress and logs every N seconds, masters every M minutes. */
  startSchedule(): void;
  stopSchedule(): void;
  /** Stops a running sync at once; the batch-and-watermark transactions make this safe. */
  cancel(): Promise<void>;
}

export interface SyncServiceDeps {
  /** Builds the job from the current settings (and the secret store) at run time. */
  job: (kind: SyncJob['kind'], groups: SyncGroup[], opts: RunOptions) => SyncJob;
  /** 'worker' keeps the UI responsive (the app); 'inline' runs in-process (CLI). */
  runner: 'worker' | 'inline';
  events: EventBus;
  log: AppLog;
  /** The clock and language (the app's env). */
  env: Pick<AppEnv, 'now' | 'lang'>;
  schedule: () => { progressEverySeconds: number; mastersEveryMinutes: number };
  /** Whether a decision's next delivery attempt is due now: the schedule's delivery timer asks before it starts one. */
  deliveryDue?: () => boolean;
}

/**
 * How often the schedule looks for decisions whose retry is due. The backoff itself (30 s
 * doubling to 15 min) is the outbox's: this only bounds how late a due retry starts.
 */
export const DELIVERY_CHECK_MS = 10_000;

function runInWorker(job: SyncJob, onProgress: (p: SyncProgress) => void, track: (w: Worker | null) => void): Promise<JobResult> {
  return new Promise((resolve, reject) => {
    const worker = startWorker('syncWorker', 'sync/syncWorker.ts', job);
    track(worker);
    let settled = false;
    worker.on(
      'message',
      (m: { type: 'progress'; progress: SyncProgress } | { type: 'done'; result: JobResult } | { type: 'error'; error: SerializedError }) => {
        if (m.type === 'progress') onProgress(m.progress);
        else {
          settled = true;
          if (m.type === 'done') resolve(m.result);
          else reject(deserializeError(m.error));
        }
      },
    );
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      track(null);
      if (!settled) {
        reject(
          new SyncError(
            'SYNC_CANCELLED',
            {
              ja: '同期が途中で止まりました。次回は続きから再開します。',
              en: 'The sync stopped before the end. The next run resumes where it stopped.',
            },
            { detail: `worker exit ${code}` },
          ),
        );
      }
    });
  });
}

/**
 * Runs syncs on a schedule and on demand, never two at once: a request while one runs
 * joins it. Progress and results go out as events; failures are kept for the status line.
 */
export function createSyncService(deps: SyncServiceDeps): SyncService {
  let active: Promise<JobResult> | null = null;
  /** Requests made while a run is active: merged into one run that starts right after it. */
  let queued: { kind: SyncJob['kind']; groups: Set<SyncGroup>; opts: RunOptions; promise: Promise<JobResult>; settle: (p: Promise<JobResult>) => void } | null =
    null;
  let worker: Worker | null = null;
  let deliveryWorker: Worker | null = null;
  let current: SyncProgress | null = null;
  let lastRun: SyncRunInfo | null = null;
  let timers: NodeJS.Timeout[] = [];

  const launch = async (
    kind: SyncJob['kind'],
    groups: SyncGroup[],
    opts: RunOptions,
    onProgress: (p: SyncProgress) => void,
    track: (w: Worker | null) => void,
  ): Promise<JobResult> => {
    const spec = deps.job(kind, groups, opts);
    return deps.runner === 'worker' ? runInWorker(spec, onProgress, track) : executeJob(spec, onProgress);
  };

  let delivering: Promise<JobResult> | null = null;
  let deliverAgain: Promise<JobResult> | null = null;
  /**
   * Decisions are delivered beside the syncs, never queued behind one: a sync waiting on a
   * frozen log store must not hold them back. One delivery at a time; a request during one
   * gets one more attempt right after it, since the one running may have read the outbox
   * before that decision was committed. Its failures are the decisions' (the outbox keeps
   * their cause and backoff), never a failed sync.
   */
  const deliver = (): Promise<JobResult> => {
    if (delivering) {
      deliverAgain ??= delivering
        .catch(() => undefined)
        .then(() => {
          deliverAgain = null;
          return deliver();
        });
      return deliverAgain;
    }
    const attempt = launch(
      'deliver',
      [],
      {},
      () => {},
      (w) => {
        deliveryWorker = w;
      },
    ).then(
      (result) => {
        const d = result.delivery;
        if (d && d.failed > 0) deps.log.warn('decision delivery failed', `${d.failed} decisions: ${d.lastError ?? ''}`);
        // Delivered or not, the outbox changed (a new decision, an attempt and its cause): the views read it again.
        deps.events.emit({ type: 'data-changed', tables: ['approval_outbox'] });
        return result;
      },
      (error: unknown) => {
        deps.log.warn('decision delivery failed', describeError(error));
        deps.events.emit({ type: 'data-changed', tables: ['approval_outbox'] });
        throw error;
      },
    );
    delivering = attempt;
    const done = (): void => {
      if (delivering === attempt) delivering = null;
    };
    attempt.then(done, done);
    return attempt;
  };

  const run = (kind: SyncJob['kind'] = 'sync', groups: SyncGroup[] = [...SYNC_GROUPS], opts: RunOptions = {}): Promise<JobResult> => {
    if (kind === 'deliver') return deliver();
    if (!active) return start(kind, groups, opts);
    if (!queued) {
      let settle!: (p: Promise<JobResult>) => void;
      const promise = new Promise<JobResult>((resolve) => {
        settle = resolve;
      });
      queued = { kind, groups: new Set(groups), opts: { ...opts }, promise, settle };
    } else {
      if (kind === 'sync') queued.kind = 'sync';
      if (opts.reset) queued.opts.reset = true;
      groups.forEach((g) => queued!.groups.add(g));
    }
    return queued.promise;
  };

  const start = (kind: SyncJob['kind'], groups: SyncGroup[], opts: RunOptions): Promise<JobResult> => {
    const onProgress = (p: SyncProgress): void => {
      current = p;
      deps.events.emit({ type: 'progress', task: 'sync', table: p.table, done: p.rowsDone, total: p.rowsEstimated ?? p.rowsDone });
    };
    const started = deps.env.now();
    const job = launch(kind, groups, opts, onProgress, (w) => {
      worker = w;
    });
    active = job
      .then(
        (result) => {
          const rows = result.reports.reduce((n, r) => n + r.rows, 0);
          if (result.delivery && result.delivery.failed > 0) {
            deps.log.warn('decision delivery failed', `${result.delivery.failed} decisions: ${result.delivery.lastError ?? ''}`);
          }
          lastRun = { at: started, ok: true, rows, error: null };
          const changed: string[] = result.reports.flatMap((r) => r.tables.filter((t) => t.rows > 0 || t.deleted > 0 || t.reset).map((t) => t.table));
          if (result.delivery && (result.delivery.delivered > 0 || result.delivery.alreadyThere > 0)) changed.push('approval_outbox');
          if (result.mining && result.mining.lines > 0) changed.push('log_templates');
          if (changed.length > 0) deps.events.emit({ type: 'data-changed', tables: changed });
          deps.events.emit({ type: 'sync-finished', ok: true, rows, error: null });
          return result;
        },
        (error: unknown) => {
          deps.log.error('sync failed', describeError(error));
          const payload = toErrorPayload(error, deps.env.lang());
          lastRun = { at: started, ok: false, rows: 0, error: payload };
          deps.events.emit({ type: 'sync-finished', ok: false, rows: 0, error: payload });
          throw error;
        },
      )
      .finally(() => {
        active = null;
        current = null;
        const next = queued;
        queued = null;
        if (next) next.settle(start(next.kind, [...next.groups], next.opts));
      });
    return active;
  };

  const tick = (groups: SyncGroup[]) => (): void => {
    if (!active) run('sync', groups).catch(() => {}); // failures are in lastRun and the app log
  };

  const stopSchedule = (): void => {
    timers.forEach(clearInterval);
    timers = [];
  };

  return {
    run,
    status: () => ({ running: active !== null, current, lastRun }),
    startSchedule() {
      stopSchedule();
      const s = deps.schedule();
      timers = [
        setInterval(tick(['progress', 'logs']), s.progressEverySeconds * 1000),
        setInterval(tick([...SYNC_GROUPS]), s.mastersEveryMinutes * 60_000),
        // Decisions are retried on their own schedule, whether or not the syncs succeed.
        setInterval(() => {
          if (!delivering && deps.deliveryDue?.()) deliver().catch(() => {}); // the cause is in the outbox and the app log
        }, DELIVERY_CHECK_MS),
      ];
    },
    stopSchedule,
    async cancel() {
      await Promise.all([worker?.terminate(), deliveryWorker?.terminate()]);
    },
  } satisfies SyncService;
}
