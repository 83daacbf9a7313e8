import Database from 'better-sqlite3';
import { join } from 'node:path';

/** Every derived count adds up to the stored lines: each source row counted exactly once. */
export function derivedCounts(dir: string): { lines: number; unmined: number; templateSum: number; minuteSum: number; orphanTemplates: number } {
  const db = new Database(join(dir, 'genba.sqlite'), { readonly: true });
  try {
    const one = (sql: string): number => (db.prepare(sql).get() as { n: number | null }).n ?? 0;
    return {
      lines: one('SELECT COUNT(*) AS n FROM app_logs'),
      unmined: one('SELECT COUNT(*) AS n FROM app_logs WHERE template_id IS NULL'),
      templateSum: one('SELECT SUM(count) AS n FROM log_templates'),
      minuteSum: one('SELECT SUM(count) AS n FROM log_template_minutes'),
      orphanTemplates: one('SELECT COUNT(*) AS n FROM log_templates WHERE template_id NOT IN (SELECT template_id FROM app_logs WHERE template_id IS NOT NULL)'),
    };
  } finally {
    db.close();
  }
}
