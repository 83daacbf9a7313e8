import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import type { AskResult, ConversationDetail, ConversationSummary } from '../api/assistantTypes.js';
import { writeTransaction } from '../store/writeTransaction.js';

/** Longest title kept: the first question, shortened. */
const TITLE_CHARS = 40;

/** A new conversation titled by its first question; its id `C{YYYYMMDD}-{8 hex}`. */
export function createConversation(db: Database.Database, now: number, firstQuestion: string): string {
  const day = new Date(now).toISOString().slice(0, 10).replace(/-/g, '');
  const id = `C${day}-${randomBytes(4).toString('hex').toUpperCase()}`;
  const title = firstQuestion.length > TITLE_CHARS ? `${firstQuestion.slice(0, TITLE_CHARS - 1)}…` : firstQuestion;
  db.prepare('INSERT INTO conversations (conversation_id, created_at, updated_at, title) VALUES (?, ?, ?, ?)').run(id, now, now, title);
  return id;
}

export function conversationExists(db: Database.Database, id: string): boolean {
  return db.prepare('SELECT 1 FROM conversations WHERE conversation_id = ?').get(id) !== undefined;
}

/** Adds a turn and moves the conversation to the top of the list, in one transaction. */
export function addTurn(db: Database.Database, id: string, now: number, question: string, result: AskResult): void {
  writeTransaction(db, () => {
    db.prepare('INSERT INTO conversation_turns (conversation_id, at, question, result) VALUES (?, ?, ?, ?)').run(id, now, question, JSON.stringify(result));
    db.prepare('UPDATE conversations SET updated_at = ? WHERE conversation_id = ?').run(now, id);
  });
}

/** The answer of the latest turn: the context a follow-up is read in. */
export function lastTurn(db: Database.Database, id: string): AskResult | null {
  const row = db.prepare('SELECT result FROM conversation_turns WHERE conversation_id = ? ORDER BY turn_id DESC LIMIT 1').get(id) as
    { result: string } | undefined;
  return row ? (JSON.parse(row.result) as AskResult) : null;
}

/** The latest spoken to first (by its last turn: the app's clock may stand still, as in the demo). */
export function listConversations(db: Database.Database, limit = 100): ConversationSummary[] {
  return db
    .prepare(
      `SELECT c.conversation_id AS id, c.title, c.created_at AS createdAt, c.updated_at AS updatedAt,
         (SELECT COUNT(*) FROM conversation_turns t WHERE t.conversation_id = c.conversation_id) AS turns
       FROM conversations c
       ORDER BY (SELECT MAX(turn_id) FROM conversation_turns t WHERE t.conversation_id = c.conversation_id) DESC, c.rowid DESC LIMIT ?`,
    )
    .all(limit) as ConversationSummary[];
}

export function getConversation(db: Database.Database, id: string): ConversationDetail | null {
  const c = db
    .prepare('SELECT conversation_id AS id, title, created_at AS createdAt, updated_at AS updatedAt FROM conversations WHERE conversation_id = ?')
    .get(id) as Omit<ConversationDetail, 'turns'> | undefined;
  if (!c) return null;
  const turns = (
    db.prepare('SELECT at, question, result FROM conversation_turns WHERE conversation_id = ? ORDER BY turn_id').all(id) as {
      at: number;
      question: string;
      result: string;
    }[]
  ).map((t) => ({ at: t.at, question: t.question, result: JSON.parse(t.result) as AskResult }));
  return { ...c, turns };
}

/** Deletes a conversation and its turns; false when there was none. */
export function deleteConversation(db: Database.Database, id: string): boolean {
  return writeTransaction(db, () => {
    db.prepare('DELETE FROM conversation_turns WHERE conversation_id = ?').run(id);
    return db.prepare('DELETE FROM conversations WHERE conversation_id = ?').run(id).changes > 0;
  });
}
