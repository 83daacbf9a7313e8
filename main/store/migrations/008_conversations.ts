import type { Migration } from './migration.js';

/**
 * Chat conversations: each question and what Genba answered, so a conversation can be
 * reopened and a follow-up ("盛岡は？") read in the context of the turn before it.
 */
export const conversations: Migration = {
  version: 8,
  name: 'conversations',
  up: `
    CREATE TABLE conversations (
      conversation_id TEXT PRIMARY KEY,
      created_at      INTEGER NOT NULL,
      updated_at      INTEGER NOT NULL,
      title           TEXT NOT NULL
    );
    CREATE INDEX conversations_by_update ON conversations (updated_at);
    CREATE TABLE conversation_turns (
      turn_id         INTEGER PRIMARY KEY,
      conversation_id TEXT NOT NULL,
      at              INTEGER NOT NULL,
      question        TEXT NOT NULL,
      result          TEXT NOT NULL
    );
    CREATE INDEX turns_by_conversation ON conversation_turns (conversation_id, turn_id);
  `,
};
