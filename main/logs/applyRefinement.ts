import type Database from 'better-sqlite3';
import { maskWithValues } from './maskTokens.js';
import type { StoredLogRow as Row } from './storedLogRow.js';
import { renderTemplate } from './renderTemplate.js';
import type { TemplateMiner } from './templateMiner.js';
import { templateWriter } from './templateWriter.js';
import { writeTransaction } from '../store/writeTransaction.js';

const MINUTE = 60_000;

/**
 * Applies TemplateMiner.refine(): templates split into several events, or folded into
 * another, hand their lines and counts over. Counts move with each stored row (per minute,
 * lines and errors), never rebuilt from the rows: minutes older than the rows kept
 * (compacted, or only ever counts from an aggregating source) cannot be rebuilt, and a
 * rebuild would delete them. What no row accounts for follows the template the old one was
 * folded into; a split cannot divide it between the new events, so the old template keeps
 * it, retired (the miner no longer gives it lines), and every minute's total stays exact.
 * A folded row (an hour of a grouped source, migration 019) is such history too: its lines'
 * minutes are not in the row, so it does not move by its message. It goes with the rest to
 * the template the old one was folded into, or stays with the retired one.
 */
export function applyRefinement(db: Database.Database, miner: TemplateMiner, now = Date.now()): number {
  const before = new Set(miner.templates.map((t) => t.id));
  const replaced = miner.refine();
  if (replaced.length === 0) return 0;
  const byId = new Map(miner.templates.map((t) => [t.id, t]));
  writeTransaction(db, () => {
    const lines = db.prepare('SELECT log_id, ts, level, message, lines FROM app_logs WHERE template_id = ? AND folded = 0');
    const foldedTo = db.prepare('UPDATE app_logs SET template_id = ? WHERE template_id = ? AND folded = 1');
    const assign = db.prepare('UPDATE app_logs SET template_id = ? WHERE log_id = ?');
    const { addMinute } = templateWriter(db);
    const stored = db.prepare('SELECT tokens, count, errors, first_seen AS first, last_seen AS last FROM log_templates WHERE template_id = ?');
    const moveMinutes = db.prepare(
      `INSERT INTO log_template_minutes (template_id, minute, count, errors) SELECT ?, minute, count, errors FROM log_template_minutes WHERE template_id = ? AND count > 0
       ON CONFLICT(template_id, minute) DO UPDATE SET count = count + excluded.count, errors = errors + excluded.errors`,
    );
    const forgetStatements = ['log_templates', 'log_template_minutes', 'log_template_vectors'].map((table) =>
      db.prepare(`DELETE FROM ${table} WHERE template_id = ?`),
    );
    const forget = (id: number): void => forgetStatements.forEach((s) => s.run(id));
    const countsLeft = db.prepare('SELECT COALESCE(SUM(count), 0) AS n FROM log_template_minutes WHERE template_id = ? AND count > 0');
    const dropEmptyMinutes = db.prepare('DELETE FROM log_template_minutes WHERE template_id = ? AND count <= 0');
    const dropVector = db.prepare('DELETE FROM log_template_vectors WHERE template_id = ?');
    const retire = db.prepare('UPDATE log_templates SET count = ?, errors = ?, retired_at = ? WHERE template_id = ?');
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
      const left = countsLeft.get(old) as { n: number };
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
        foldedTo.run(target.id, old);
        gain(target.id, rest.count, rest.errors, total.first ?? now, total.last ?? now, '');
        forget(old);
      } else {
        dropEmptyMinutes.run(old);
        dropVector.run(old);
        retire.run(Math.max(rest.count, left.n), rest.errors, now, old);
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
  });
  return replaced.length;
}
