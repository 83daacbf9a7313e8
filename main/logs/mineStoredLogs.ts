import type Database from 'better-sqlite3';
import { maskWithValues } from './maskTokens.js';
import { renderTemplate } from './renderTemplate.js';
import { type MinedTemplate, TemplateMiner } from './templateMiner.js';
import { NEXT_TEMPLATE_ID } from '../store/companyRepository.js';
import { tryExclusiveLock } from '../store/folderLock.js';

const MINUTE = 60_000;

export interface MiningReport {
  lines: number;
  templates: number;
  created: number;
  refined: number;
  ms: number;
}

interface Row {
  log_id: number;
  ts: number;
  level: string;
  message: string;
  /** How many source lines the row stands for (1 but from an aggregating source). */
  lines: number;
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
    db.transaction(() => {
      for (const [tid, id] of assigned) assign.run(tid, id);
      for (const v of touched.values()) save(v.t, v.first, v.last, v.errors, v.sample);
      for (const m of minutes.values()) addMinute.run(...m);
    })();
    lines += rows.length;
    o.onProgress?.(lines);
  }
  const refined = lines > 0 ? applyRefinement(db, miner) : 0;
  return { lines, templates: miner.templates.length, created: miner.templates.length - before, refined, ms: performance.now() - started };
}

/** Statements that write a mined template (its row, merged with the stored one) and add to its per-minute counts. */
export function templateWriter(db: Database.Database): {
  save: (t: MinedTemplate, first: number, last: number, errors: number, sample: string) => void;
  addMinute: Database.Statement<[number, number, number, number]>;
} {
  const saveTemplate = db.prepare(
    `INSERT INTO log_templates (template_id, tokens, template, count, param_values, first_seen, last_seen, errors)
     VALUES (@id, @tokens, @template, @count, @values, @first, @last, @errors)
     ON CONFLICT(template_id) DO UPDATE SET tokens = excluded.tokens, template = excluded.template, count = excluded.count,
       param_values = excluded.param_values, first_seen = MIN(COALESCE(first_seen, excluded.first_seen), excluded.first_seen),
       last_seen = MAX(COALESCE(last_seen, excluded.last_seen), excluded.last_seen), errors = errors + excluded.errors`,
  );
  const addMinute = db.prepare(
    `INSERT INTO log_template_minutes (template_id, minute, count, errors) VALUES (?, ?, ?, ?)
     ON CONFLICT(template_id, minute) DO UPDATE SET count = count + excluded.count, errors = errors + excluded.errors`,
  );
  const save = (t: MinedTemplate, first: number, last: number, errors: number, sample: string): void => {
    saveTemplate.run({
      id: t.id,
      tokens: JSON.stringify(t.tokens),
      // As a member line wrote it ("queue=<*>"), for people; the tokens are for matching.
      template: renderTemplate(t.tokens, sample, t),
      count: t.count,
      values: JSON.stringify(t.values),
      first,
      last,
      errors,
    });
  };

  return { save, addMinute };
}

/**
 * Applies TemplateMiner.refine(): templates split into several events, or folded into
 * another, hand their lines and counts over. Counts move with each stored row (per minute,
 * lines and errors), never rebuilt from the rows: minutes older than the rows kept
 * (compacted, or only ever counts from an aggregating source) cannot be rebuilt, and a
 * rebuild would delete them. What no row accounts for follows the template the old one was
 * folded into; a split cannot divide it between the new events, so the old template keeps
 * it, retired (the miner no longer gives it lines), and every minute's total stays exact.
 */
export function applyRefinement(db: Database.Database, miner: TemplateMiner, now = Date.now()): number {
  const before = new Set(miner.templates.map((t) => t.id));
  const replaced = miner.refine();
  if (replaced.length === 0) return 0;
  const byId = new Map(miner.templates.map((t) => [t.id, t]));
  db.transaction(() => {
    const lines = db.prepare('SELECT log_id, ts, level, message, lines FROM app_logs WHERE template_id = ?');
    const assign = db.prepare('UPDATE app_logs SET template_id = ? WHERE log_id = ?');
    const { addMinute } = templateWriter(db);
    const stored = db.prepare('SELECT tokens, count, errors, first_seen AS first, last_seen AS last FROM log_templates WHERE template_id = ?');
    const moveMinutes = db.prepare(
      `INSERT INTO log_template_minutes (template_id, minute, count, errors) SELECT ?, minute, count, errors FROM log_template_minutes WHERE template_id = ? AND count > 0
       ON CONFLICT(template_id, minute) DO UPDATE SET count = count + excluded.count, errors = errors + excluded.errors`,
    );
    const forget = (id: number): void => {
      for (const table of ['log_templates', 'log_template_minutes', 'log_template_vectors']) db.prepare(`DELETE FROM ${table} WHERE template_id = ?`).run(id);
    };
    /** What each template gained here (lines, errors, time span), and a line of it to render its text from. */
    const gained = new Map<number, { lines: number; errors: number; first: number; last: number; sample: string }>();
    const gain = (id: number, n: number, errors: number, first: number, last: number, sample: string): void => {
      const g = gained.get(id);
      if (!g) gained.set(id, { lines: n, errors, first, last, sample });
      else {
        g.lines += n;
        g.errors += errors;
        g.first = Math.min(g.first, first);
        g.last = Math.max(g.last, last);
      }
    };
    for (const old of replaced) {
      const total = stored.get(old) as { tokens: string; count: number; errors: number; first: number | null; last: number | null } | undefined;
      let moved = 0;
      let movedErrors = 0;
      for (const r of lines.all(old) as Row[]) {
        const masked = maskWithValues(r.message);
        const t = miner.match(masked.tokens);
        if (!t) continue;
        // A split template starts without values: its own lines give them.
        miner.observe(t, masked.tokens, masked.values);
        assign.run(t.id, r.log_id);
        const errors = r.level === 'ERROR' ? r.lines : 0;
        const minute = Math.floor(r.ts / MINUTE) * MINUTE;
        addMinute.run(old, minute, -r.lines, -errors);
        addMinute.run(t.id, minute, r.lines, errors);
        gain(t.id, r.lines, errors, r.ts, r.ts, r.message);
        moved += r.lines;
        movedErrors += errors;
      }
      const left = db.prepare('SELECT COALESCE(SUM(count), 0) AS n FROM log_template_minutes WHERE template_id = ? AND count > 0').get(old) as { n: number };
      const rest = { count: Math.max(0, (total?.count ?? 0) - moved), errors: Math.max(0, (total?.errors ?? 0) - movedErrors) };
      if (!total || (rest.count === 0 && left.n === 0)) {
        forget(old);
        continue;
      }
      // Folded into one template (a sibling, a span, the leaf's catch-all): the rest goes with it.
      // A split's new events never cover the old tokens (they hold a word where it held a wildcard).
      const target = miner.match(JSON.parse(total.tokens) as string[]);
      if (target) {
        moveMinutes.run(target.id, old);
        gain(target.id, rest.count, rest.errors, total.first ?? now, total.last ?? now, '');
        forget(old);
      } else {
        db.prepare('DELETE FROM log_template_minutes WHERE template_id = ? AND count <= 0').run(old);
        db.prepare('DELETE FROM log_template_vectors WHERE template_id = ?').run(old);
        db.prepare('UPDATE log_templates SET count = ?, errors = ?, retired_at = ? WHERE template_id = ?').run(
          Math.max(rest.count, left.n),
          rest.errors,
          now,
          old,
        );
      }
    }
    const upsert = db.prepare(
      `INSERT INTO log_templates (template_id, tokens, template, count, param_values, first_seen, last_seen, errors)
       VALUES (@id, @tokens, @template, @count, @values, @first, @last, @errors)
       ON CONFLICT(template_id) DO UPDATE SET tokens = excluded.tokens, template = excluded.template, count = count + excluded.count,
         param_values = excluded.param_values, first_seen = MIN(COALESCE(first_seen, excluded.first_seen), excluded.first_seen),
         last_seen = MAX(COALESCE(last_seen, excluded.last_seen), excluded.last_seen),
         errors = errors + excluded.errors`,
    );
    const sampleOf = db.prepare('SELECT message FROM app_logs WHERE template_id = ? LIMIT 1');
    for (const [id, g] of gained) {
      const t = byId.get(id)!;
      // A new event's count is what it was given here: the parent's value counts include history the parent keeps.
      if (!before.has(id)) t.count = g.lines;
      const sample = g.sample || ((sampleOf.get(id) as { message: string } | undefined)?.message ?? t.sample ?? '');
      upsert.run({
        id,
        tokens: JSON.stringify(t.tokens),
        template: renderTemplate(t.tokens, sample, t),
        count: g.lines,
        values: JSON.stringify(t.values),
        first: g.first,
        last: g.last,
        errors: g.errors,
      });
    }
    // Events of a split that no stored line belongs to yet start from nothing, like any new template.
    for (const t of miner.templates) if (!before.has(t.id) && !gained.has(t.id)) t.count = 0;
  })();
  return replaced.length;
}
