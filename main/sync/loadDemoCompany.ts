import type Database from 'better-sqlite3';
import { CompanyRepository } from '../store/companyRepository.js';
import { COMPANY_TABLES } from './companyRows.js';
import { DEMO_DEFINITION } from './demo/demoDefinition.js';
import { generateDemoCompany } from './demo/generateDemoCompany.js';

export interface Progress { task: string; done: number; total: number }

export interface DemoLoadResult { seed: number; rows: Record<string, number>; anchorMs: number; elapsedMs: number }

export const DEMO_SOURCE_ID = 'demo';

/**
 * Replaces the local company copy with the demo company, in one transaction: a crash
 * or an error leaves the previous data, never half a company.
 */
export function loadDemoCompany(db: Database.Database, seed: number, onProgress: (p: Progress) => void = () => {}): DemoLoadResult {
  const started = performance.now();
  const company = generateDemoCompany(seed);
  const repo = new CompanyRepository(db);
  const rows: Record<string, number> = {};
  const task = 'demo';
  const steps = 5 + DEMO_DEFINITION.days; // masters and snapshots, then one step per day of logs
  let step = 0;
  const tick = (): void => onProgress({ task, done: ++step, total: steps });

  db.transaction(() => {
    repo.clearAll();
    rows.locations = repo.upsert('locations', company.locations); tick();
    rows.operators = repo.upsert('operators', company.operators); tick();
    rows.operator_process_capabilities = repo.upsert('operator_process_capabilities', company.capabilities); tick();
    rows.progress_snapshots = repo.upsert('progress_snapshots', company.snapshots); tick();
    let logId = 0;
    rows.app_logs = 0;
    for (const day of company.logDays()) {
      rows.app_logs += repo.upsert('app_logs', day.map((r) => ({ ...r, log_id: ++logId })));
      if (step < steps - 1) tick();
    }
    // The demo data is "as of" the anchor: that is when it was last in sync.
    for (const table of COMPANY_TABLES) repo.recordSync(table, DEMO_SOURCE_ID, null, company.anchorMs);
    repo.setMeta('source', DEMO_SOURCE_ID);
    repo.setMeta('demo_seed', String(seed));
  })();
  onProgress({ task, done: steps, total: steps });
  return { seed, rows, anchorMs: company.anchorMs, elapsedMs: performance.now() - started };
}
