import type { Migration } from './migration.js';

/** `PRAGMA application_id` of every Genba database ('GENB'): how a file is recognised as one. */
export const GENBA_APPLICATION_ID = 0x47454e42;

/**
 * Data safety. The application id marks the file as Genba's. A log row whose content
 * changes upstream (a re-read after an out-of-order commit, a correction) takes its count
 * back from the template it was mined into and is mined again, so every source row is
 * counted exactly once however often it is read.
 */
export const dataSafety: Migration = {
  version: 7,
  name: 'data_safety',
  up: `
    PRAGMA application_id = ${GENBA_APPLICATION_ID};
    CREATE TRIGGER app_logs_content_changed AFTER UPDATE OF ts, level, message ON app_logs
    WHEN OLD.template_id IS NOT NULL AND (OLD.ts IS NOT NEW.ts OR OLD.level IS NOT NEW.level OR OLD.message IS NOT NEW.message)
    BEGIN
      UPDATE log_template_minutes SET count = count - 1, errors = errors - (OLD.level = 'ERROR')
        WHERE template_id = OLD.template_id AND minute = (OLD.ts / 60000) * 60000;
      DELETE FROM log_template_minutes WHERE template_id = OLD.template_id AND minute = (OLD.ts / 60000) * 60000 AND count <= 0;
      UPDATE log_templates SET count = count - 1, errors = errors - (OLD.level = 'ERROR') WHERE template_id = OLD.template_id;
      UPDATE app_logs SET template_id = NULL WHERE log_id = NEW.log_id;
    END;
  `,
};
