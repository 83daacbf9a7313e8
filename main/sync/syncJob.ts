import type { GenbaConfig } from '../config/config.js';
import type { MiningReport } from '../logs/mineStoredLogs.js';
import type { DeliveryReport } from '../store/decisionRecord.js';
import type { SyncReport } from './syncEngine.js';
import type { SyncGroup } from './tableSpecs.js';

/** Everything a sync run needs, as plain data: it crosses into a worker thread. */
export interface SyncJob {
  kind: 'sync' | 'deliver';
  dbPath: string;
  nativeBinding?: string | undefined;
  source: GenbaConfig['source'];
  logs: GenbaConfig['logs'];
  timeZone: string;
  password: string | null;
  groups: SyncGroup[];
  batchSize: number;
  /** Forget the local copy (and what was derived from it) first: `genba demo --reset`. */
  reset?: boolean | undefined;
  /** How far back each run re-reads, for rows committed out of order (sync.lookbackMinutes). */
  lookbackMs?: number | undefined;
  /** The app's clock when it is fixed (--now, demo); real time otherwise. */
  fixedNow?: number | undefined;
  /** The log store's password (ClickHouse); '' connects without one. */
  logsPassword?: string | undefined;
  /** Host name part → site (alerts.hostSites), for the logs' site filter. */
  hostSites?: Record<string, string> | undefined;
}

export interface JobResult {
  reports: SyncReport[];
  delivery: DeliveryReport | null;
  mining: MiningReport | null;
}
