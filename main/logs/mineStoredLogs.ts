import type Database from 'better-sqlite3';
import { maskWithValues } from './maskTokens.js';
import type { MinedTemplate } from './minedTemplate.js';
import { TemplateMiner } from './templateMiner.js';
import { applyRefinement } from './applyRefinement.js';
import { templateWriter } from './templateWriter.js';
import type { StoredLogRow as Row } from './storedLogRow.js';
import { NEXT_TEMPLATE_ID } from '../store/companyRepository.js';
import { tryExclusiveLock } from '../store/folderLock.js';
import { writeTransaction } from '../store/writeTransaction.js';

const MINUTE = 60_000;

export interface MiningReport {
  lines: number;
  templates: number;
  created: number;
  refined: number;
  ms: number;
}

/** How many stored log rows wait for their template (a deferred first build, an interrupted mining). */
export function unminedLines(db: Database.Database): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM app_logs WHERE template_id IS NULL').get() as { n: number }).n;
}

/**
 * Mines under the data folder's sync lock: a sync mining in its worker (or another
 * process) must not take the same lines too. Null when someone else holds the lock; they
 * mine the lines.
 */
export function mineUnderSyncLock(
  db: Database.Database,
  dataDir: string,
  o: { nativeBinding?: string | undefined; onProgress?: (done: number) => void } = {},
): MiningReport | null {
  const lock = tryExclusiveLock(dataDir, 'sync', o.nativeBinding);
  if (!lock) return null;
  try {
    return mineStoredLogs(db, o.onProgress ? { onProgress: o.onProgress } : {});
  } finally {
    lock.release();
  }
}

/** The miner as the store left it: its templates, counts and the next free id. */
export function loadMiner(db: Database.Database): TemplateMiner {
  const miner = new TemplateMiner();
  const reserved = db.prepare('SELECT value FROM meta WHERE key = ?').get(NEXT_TEMPLATE_ID) as { value: string } | undefined;
  if (reserved) miner.startIdsAt(Number(reserved.value));
  // A retired template (applyRefinement) keeps its history but takes no lines; its id stays taken.
  const top = db.prepare('SELECT MAX(template_id) AS id FROM log_templates').get() as { id: number | null };
  if (top.id !== null) miner.startIdsAt(top.id + 1);
  miner.load(
    (
      db.prepare('SELECT template_id, tokens, count, param_values FROM log_templates WHERE retired_at IS NULL').all() as {
        template_id: number;
        tokens: string;
        count: number;
        param_values: string;
      }[]
    ).map((r) => ({ id: r.template_id, tokens: JSON.parse(r.tokens), count: r.count, values: JSON.parse(r.param_values) })),
  );
  return miner;
}

/**
 * Mines the templates of log lines that have none yet, in batches. Each batch (line →
 * template, template rows, per-minute counts) commits in one transaction, so an
 * interrupted run resumes without double counting. At the end,
 * templates that only ever varied between a few words are split and their lines reassigned.
 */
export function mineStoredLogs(db: Database.Database, o: { batchSize?: number; onProgress?: (done: number) => void } = {}): MiningReport {
  const started = performance.now();
  const batchSize = o.batchSize ?? 20_000;
  const miner = loadMiner(db);
  const before = miner.templates.length;
  const select = db.prepare('SELECT log_id, ts, level, message, lines FROM app_logs WHERE template_id IS NULL ORDER BY log_id LIMIT ?');
  const assign = db.prepare('UPDATE app_logs SET template_id = ? WHERE log_id = ?');
  const { save, addMinute } = templateWriter(db);

  let lines = 0;
  for (;;) {
    const rows = select.all(batchSize) as Row[];
    if (rows.length === 0) break;
    const touched = new Map<number, { t: MinedTemplate; first: number; last: number; errors: number; sample: string }>();
    const minutes = new Map<string, [number, number, number, number]>();
    const assigned: [number, number][] = [];
    for (const r of rows) {
      const masked = maskWithValues(r.message);
      const { template } = miner.add(masked.tokens, masked.values, r.message, r.lines);
      const err = r.level === 'ERROR' ? r.lines : 0;
      const seen = touched.get(template.id);
      if (seen) {
        seen.first = Math.min(seen.first, r.ts);
        seen.last = Math.max(seen.last, r.ts);
        seen.errors += err;
      } else touched.set(template.id, { t: template, first: r.ts, last: r.ts, errors: err, sample: r.message });
      const minute = Math.floor(r.ts / MINUTE) * MINUTE;
      const key = `${template.id}:${minute}`;
      const m = minutes.get(key) ?? [template.id, minute, 0, 0];
      m[2] += r.lines;
      m[3] += err;
      minutes.set(key, m);
      assigned.push([template.id, r.log_id]);
    }
    writeTransaction(db, () => {
      for (const [tid, id] of assigned) assign.run(tid, id);
      for (const v of touched.values()) save(v.t, v.first, v.last, v.errors, v.sample);
      for (const m of minutes.values()) addMinute.run(...m);
    });
    lines += rows.length;
    o.onProgress?.(lines);
  }
  const refined = lines > 0 ? applyRefinement(db, miner) : 0;
  return { lines, templates: miner.templates.length, created: miner.templates.length - before, refined, ms: performance.now() - started };
}
