import type Database from 'better-sqlite3';

/** Per template text, its per-minute counts and errors: template ids differ between stores, texts do not. */
export function minutesByTemplate(read: <T>(sql: string) => T[]): Map<string, string> {
  const rows = read<{ template: string; minute: number; count: number; errors: number }>(
    `SELECT t.template, m.minute, m.count, m.errors FROM log_template_minutes m JOIN log_templates t USING (template_id) ORDER BY t.template, m.minute`,
  );
  // Appended in place: copying a template's list at every row made this quadratic, over a minute per call on the demo's 166k minutes.
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const minutes = out.get(r.template);
    const entry = `${r.minute}:${r.count}:${r.errors}`;
    if (minutes) minutes.push(entry);
    else out.set(r.template, [entry]);
  }
  return new Map([...out].map(([k, v]) => [k, v.join(',')]));
}

/** The local copy's per-minute lines and errors, every template together ("minute:lines:errors", minutes with lines). */
export function localMinutes(db: Database.Database): string[] {
  return (
    db.prepare('SELECT minute, SUM(count) AS n, SUM(errors) AS e FROM log_template_minutes GROUP BY minute HAVING n > 0 ORDER BY minute').all() as {
      minute: number;
      n: number;
      e: number;
    }[]
  ).map((r) => `${r.minute}:${r.n}:${r.e}`);
}
