import type Database from 'better-sqlite3';
import { renderTemplate } from './renderTemplate.js';
import type { MinedTemplate } from './minedTemplate.js';

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
