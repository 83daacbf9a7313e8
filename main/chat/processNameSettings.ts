import type Database from 'better-sqlite3';
import type { EventBus } from '../api/eventBus.js';
import type { ProcessName } from '../api/types.js';
import type { AppLog } from '../applog/appLog.js';
import { listProcessNames, saveProcessName } from '../store/processNames.js';

/** Settings → English names of processes: the list, and the manager's save (the English screens then read the names again). */
export function createProcessNameSettings(deps: { db: () => Database.Database; now: () => number; events: EventBus; log: AppLog }): {
  processNames(): ProcessName[];
  saveProcessName(p: { process: string; nameEn: string }): ProcessName[];
} {
  return {
    processNames: () => listProcessNames(deps.db()),
    saveProcessName(p) {
      saveProcessName(deps.db(), p, deps.now());
      deps.log.info('process name saved', `${p.process}: ${p.nameEn || '(removed)'}`);
      deps.events.emit({ type: 'data-changed', tables: ['name_readings'] });
      return listProcessNames(deps.db());
    },
  };
}
