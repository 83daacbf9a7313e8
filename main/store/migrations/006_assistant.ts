import type { Migration } from './migration.js';

/**
 * The placement assistant: proposals as made (so a decision can be checked against newer
 * data and delivered later) and the managers' know-how documents, chunked, with a
 * trigram full-text index (works for Japanese without a word segmenter) and vectors.
 */
export const assistant: Migration = {
  version: 6,
  name: 'assistant',
  up: `
    CREATE TABLE proposals (
      suggestion_id TEXT PRIMARY KEY,
      created_at    INTEGER NOT NULL,
      data_as_of    INTEGER NOT NULL,
      question      TEXT NOT NULL,
      proposal      TEXT NOT NULL,
      status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'approved', 'rejected', 'modified')),
      decided_at    INTEGER
    );
    CREATE INDEX proposals_by_status ON proposals (status, decided_at);
    CREATE TABLE knowledge_documents (
      doc_id      INTEGER PRIMARY KEY,
      title       TEXT NOT NULL,
      source_name TEXT,
      builtin     INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
      sha256      TEXT NOT NULL UNIQUE,
      text        TEXT NOT NULL,
      added_at    INTEGER NOT NULL
    );
    CREATE TABLE knowledge_chunks (
      chunk_id INTEGER PRIMARY KEY,
      doc_id   INTEGER NOT NULL REFERENCES knowledge_documents (doc_id) ON DELETE CASCADE,
      ord      INTEGER NOT NULL,
      heading  TEXT,
      text     TEXT NOT NULL
    );
    CREATE INDEX knowledge_chunks_by_doc ON knowledge_chunks (doc_id, ord);
    CREATE VIRTUAL TABLE knowledge_fts USING fts5 (text, content = 'knowledge_chunks', content_rowid = 'chunk_id', tokenize = 'trigram');
    CREATE TRIGGER knowledge_chunks_ai AFTER INSERT ON knowledge_chunks BEGIN
      INSERT INTO knowledge_fts (rowid, text) VALUES (new.chunk_id, new.text);
    END;
    CREATE TRIGGER knowledge_chunks_ad AFTER DELETE ON knowledge_chunks BEGIN
      INSERT INTO knowledge_fts (knowledge_fts, rowid, text) VALUES ('delete', old.chunk_id, old.text);
    END;
    CREATE TABLE knowledge_vectors (
      chunk_id INTEGER PRIMARY KEY REFERENCES knowledge_chunks (chunk_id) ON DELETE CASCADE,
      model    TEXT NOT NULL,
      vector   BLOB NOT NULL
    );
  `,
};
