import type Database from 'better-sqlite3';
import type { Migration } from './migrations/migration.js';
import { companyMirror } from './migrations/001_company_mirror.js';
import { syncState } from './migrations/002_sync_state.js';
import { approvalOutbox } from './migrations/003_approval_outbox.js';
import { logTemplates } from './migrations/004_log_templates.js';
import { alerts } from './migrations/005_alerts.js';
import { assistant } from './migrations/006_assistant.js';
import { dataSafety } from './migrations/007_data_safety.js';
import { conversations } from './migrations/008_conversations.js';
import { logGroups } from './migrations/009_log_groups.js';
import { compactionMemory } from './migrations/010_compaction_memory.js';
import { businessNames } from './migrations/011_business_names.js';
import { planningTables } from './migrations/012_planning_tables.js';
import { gapChecks } from './migrations/013_gap_checks.js';
import { refusedRows } from './migrations/014_refused_rows.js';
import { englishNames } from './migrations/015_english_names.js';
import { decisionTrust } from './migrations/016_decision_trust.js';
import { computedResults } from './migrations/017_computed_results.js';
import { taughtWords } from './migrations/018_taught_words.js';
import { foldedLogRows } from './migrations/019_folded_log_rows.js';
import { StoreError } from './storeError.js';
import { writeTransaction } from './writeTransaction.js';

/** Append only: a released migration is never edited, a change is a new number. */
export const MIGRATIONS: readonly Migration[] = [
  companyMirror,
  syncState,
  approvalOutbox,
  logTemplates,
  alerts,
  assistant,
  dataSafety,
  conversations,
  logGroups,
  compactionMemory,
  businessNames,
  planningTables,
  gapChecks,
  refusedRows,
  englishNames,
  decisionTrust,
  computedResults,
  taughtWords,
  foldedLogRows,
];
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies pending migrations, each in its own transaction together with the new
 * `user_version`, so an interrupted upgrade leaves the previous version intact.
 */
export function migrate(db: Database.Database, upTo: number = SCHEMA_VERSION): number[] {
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (m.version <= schemaVersion(db) || m.version > upTo) continue;
    try {
      writeTransaction(db, () => {
        db.exec(m.up);
        db.pragma(`user_version = ${m.version}`);
      });
    } catch (error) {
      throw new StoreError(
        'STORE_MIGRATION_FAILED',
        {
          ja: `データベースの更新（${m.version}: ${m.name}）に失敗しました。データは更新前のまま残っています。`,
          en: `Upgrading the database (${m.version}: ${m.name}) failed. Your data is left as it was.`,
        },
        { cause: error, detail: String(error) },
      );
    }
    applied.push(m.version);
  }
  return applied;
}
