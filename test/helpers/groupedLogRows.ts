import type Database from 'better-sqlite3';

const MINUTE = 60_000;

/** A row of a grouped log source as its sync writes it: the lines of one minute, host, level and shape. */
export interface MinuteGroup {
  ts: number;
  /** The last line; the first when absent. */
  last?: number;
  service: string;
  host: string;
  level: string;
  message: string;
  template: number;
  lines: number;
}

/**
 * Writes groups as a log-group sync leaves them: a row each in app_logs, their lines added to the template's
 * per-minute counts (log_template_minutes) and totals (log_templates, made with its id as its text where new).
 */
export function writeGroups(db: Database.Database, groups: readonly MinuteGroup[]): void {
  const row = db.prepare(
    'INSERT INTO app_logs (ts, service, host, level, message, trace_id, template_id, lines, last_ts) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)',
  );
  const minute = db.prepare(
    `INSERT INTO log_template_minutes (template_id, minute, count, errors) VALUES (?, ?, ?, ?)
     ON CONFLICT (template_id, minute) DO UPDATE SET count = count + excluded.count, errors = errors + excluded.errors`,
  );
  const template = db.prepare(
    `INSERT INTO log_templates (template_id, tokens, template, count, param_values, first_seen, last_seen, errors) VALUES (?, ?, ?, ?, '[]', ?, ?, ?)
     ON CONFLICT (template_id) DO UPDATE SET count = count + excluded.count, errors = errors + excluded.errors,
       first_seen = MIN(first_seen, excluded.first_seen), last_seen = MAX(last_seen, excluded.last_seen)`,
  );
  db.transaction(() => {
    for (const g of groups) {
      const errors = g.level === 'ERROR' ? g.lines : 0;
      row.run(g.ts, g.service, g.host, g.level, g.message, g.template, g.lines, g.last ?? g.ts);
      minute.run(g.template, Math.floor(g.ts / MINUTE) * MINUTE, g.lines, errors);
      template.run(g.template, JSON.stringify([`template${g.template}`]), `template ${g.template}`, g.lines, g.ts, g.last ?? g.ts, errors);
    }
  })();
}
