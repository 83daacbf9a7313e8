import type Database from 'better-sqlite3';
import type { AppEnv } from '../config/appEnv.js';
import type { LlmService } from '../ai/llmService.js';
import { describeError } from '../errors.js';
import type { AppLog } from '../applog/appLog.js';
import { backupStore, listBackups, rotateBackup, type BackupInfo } from '../store/storeBackup.js';
import { runDoctor, type DoctorReport } from './doctor.js';
import { HOURS_24_MS } from '../api/durations.js';

/** Backups and the doctor: what keeps the data folder safe and says what is wrong with it. */
export interface SafetyService {
  /**
   * A dated backup in <data folder>/backups when the newest is a day old or missing; the
   * seven newest are kept. The app runs it after start; a failure is logged, never fatal.
   */
  dailyBackup(): Promise<BackupInfo | null>;
  /** `genba backup <file>`: an online copy of the store, checked. */
  backupTo(file: string): Promise<BackupInfo>;
  /** Checks that need no started store: they must work on a damaged data folder. */
  doctor(): Promise<DoctorReport>;
}

/** Backups and diagnostics of one data folder. */
export function createSafetyService(deps: {
  dataDir: string;
  dbPath: string;
  nativeBinding?: string | undefined;
  env: Pick<AppEnv, 'lang'>;
  log: AppLog;
  /** The open store (throws when the app is not started). */
  db: () => Database.Database;
  llm: LlmService;
  embeddingModelDir: () => string | null;
  /** A connection test of the company MySQL; null for the demo company. */
  testSource: () => (() => Promise<string>) | null;
}): SafetyService {
  return {
    async dailyBackup(): Promise<BackupInfo | null> {
      const newest = listBackups(deps.dataDir)[0];
      // A backup's age is elapsed time on the machine's clock (a file's, whatever the company's calendar): one a day.
      if (newest && newest.at > Date.now() - HOURS_24_MS) return null;
      try {
        const info = await rotateBackup(deps.db(), deps.dataDir, Date.now(), deps.nativeBinding);
        deps.log.info('backup written', info.path);
        return info;
      } catch (error) {
        deps.log.error('backup failed', describeError(error));
        return null;
      }
    },
    backupTo: (file: string): Promise<BackupInfo> => backupStore(deps.db(), file, deps.nativeBinding),
    doctor(): Promise<DoctorReport> {
      return runDoctor({
        dataDir: deps.dataDir,
        dbPath: deps.dbPath,
        lang: deps.env.lang(),
        now: Date.now(),
        nativeBinding: deps.nativeBinding,
        llmModels: Object.fromEntries(deps.llm.status().map((r) => [r.role, r.path])) as { intent: string | null; answer: string | null },
        embeddingModelDir: deps.embeddingModelDir(),
        gpu: () => deps.llm.backend(),
        testSource: deps.testSource(),
      });
    },
  } satisfies SafetyService;
}
