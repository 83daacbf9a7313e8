import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import defaults from '../../resources/knowledge/defaults.json';
import type { Citation, KnowledgeDoc, KnowledgeDocDetail } from '../api/assistantTypes.js';
import { syncStoredVectors, type TextEmbedder } from '../ai/storedVectors.js';
import type { VectorIndex } from '../ai/vectorIndex.js';
import { chunkDocument } from './chunkDocument.js';
import { knowledgeError } from './knowledgeError.js';
import { MAX_DOCUMENT_CHARS } from '../api/knowledgeLimits.js';
import { writeTransaction } from '../store/writeTransaction.js';

export { MAX_DOCUMENT_CHARS } from '../api/knowledgeLimits.js';

const RRF_K = 60;
const CANDIDATES = 30;

/** Trigrams of the query's letter runs, for FTS5's trigram tokenizer (shorter runs are left to the vectors). */
export function trigramQuery(query: string): string | null {
  const grams = new Set<string>();
  for (const run of query
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)) {
    const chars = [...run];
    for (let i = 0; i + 3 <= chars.length && grams.size < 64; i++) grams.add(chars.slice(i, i + 3).join(''));
  }
  return grams.size === 0 ? null : [...grams].map((g) => `"${g}"`).join(' OR ');
}

/** Two-character words (納期, 遅延, 移動) are below the trigram tokenizer's reach: matched by a scan instead. */
export function shortTerms(query: string): string[] {
  const t = query.normalize('NFKC').toLowerCase();
  const words = [...t.matchAll(/\p{Script=Han}+|\p{Script=Katakana}+|[\p{Script=Latin}\p{N}]+/gu)].map((m) => m[0]);
  return [...new Set(words.filter((w) => [...w].length === 2))].slice(0, 16);
}

interface DocRow {
  doc_id: number;
  title: string;
  source_name: string | null;
  builtin: number;
  chars: number;
  chunks: number;
  added_at: number;
}
/** A document Genba ships has an English title for English screens (its text is the managers' Japanese). */
const ENGLISH_TITLES = new Map(defaults.documents.map((d) => [d.title, d.titleEn]));
const titleEn = (title: string, builtin: boolean): { titleEn?: string } => {
  const en = builtin ? ENGLISH_TITLES.get(title) : undefined;
  return en ? { titleEn: en } : {};
};
/** The English version Genba ships of each section of its own documents, by document title and Japanese heading. */
const ENGLISH_SECTIONS = new Map(
  defaults.documents.flatMap((d) => Object.entries(d.sectionsEn).map(([heading, en]) => [`${d.title}\u0000${heading}`, en] as const)),
);
const sectionEn = (title: string, heading: string | null, builtin: boolean): { headingEn?: string; textEn?: string } => {
  const en = builtin && heading !== null ? ENGLISH_SECTIONS.get(`${title}\u0000${heading}`) : undefined;
  return en ? { headingEn: en.heading, textEn: en.text } : {};
};

const toDoc = (r: DocRow): KnowledgeDoc => ({
  id: r.doc_id,
  title: r.title,
  ...titleEn(r.title, r.builtin === 1),
  sourceName: r.source_name,
  builtin: r.builtin === 1,
  chars: r.chars,
  chunks: r.chunks,
  addedAt: r.added_at,
});

/** The know-how documents: stored, chunked, and found by words and by meaning. */
export interface KnowledgeBase {
  /** The shipped documents, once per data folder: a manager who removes one does not get it back. */
  ensureDefaults(): number;
  add(doc: { title: string; text: string; sourceName?: string | null }): KnowledgeDoc;
  list(): KnowledgeDoc[];
  get(id: number): KnowledgeDocDetail | null;
  remove(id: number): KnowledgeDoc[];
  /** Hybrid retrieval: trigram full-text and vector neighbours, fused by reciprocal rank. */
  search(query: string, k?: number): Promise<Citation[]>;
  /** Re-embeds after a model change; the next search would do it anyway. */
  reindex(): Promise<void>;
}

/**
 * Managers' know-how: documents chunked into SQLite, searched two ways and fused by
 * reciprocal rank (RRF): FTS5 trigrams find exact wording (「3名以上」), vectors find
 * paraphrases, a scan finds two-character words. Vectors and the HNSW file follow SQLite lazily, before the next search.
 */
export function createKnowledgeBase(deps: {
  db: () => Database.Database;
  indexPath: string;
  embedder: () => TextEmbedder;
  now: () => number;
  meta: { get: (key: string) => string | null; set: (key: string, value: string) => void };
}): KnowledgeBase {
  let index: VectorIndex | null = null;
  let indexModel: string | null = null;
  let dirty = true;

  const columns = `d.doc_id, d.title, d.source_name, d.builtin, length(d.text) AS chars, d.added_at,
                   (SELECT COUNT(*) FROM knowledge_chunks c WHERE c.doc_id = d.doc_id) AS chunks`;
  const listSql = `SELECT ${columns} FROM knowledge_documents d`;

  const add = (doc: { title: string; text: string; sourceName?: string | null }, builtin = false): KnowledgeDoc => {
    // eslint-disable-next-line no-control-regex -- NUL cannot be stored in the full-text index
    const text = doc.text.replace(/\u0000/g, '').trim();
    const title = doc.title.trim().slice(0, 200);
    if (!text || !title)
      throw knowledgeError('KNOWLEDGE_EMPTY', { ja: '文書のタイトルと本文を入力してください。', en: 'A document needs a title and some text.' });
    if (text.length > MAX_DOCUMENT_CHARS) {
      throw knowledgeError('KNOWLEDGE_TOO_LARGE', {
        ja: `文書が大きすぎます（${MAX_DOCUMENT_CHARS.toLocaleString()}文字まで）。分けて登録してください。`,
        en: `The document is too large (up to ${MAX_DOCUMENT_CHARS.toLocaleString()} characters). Split it and add the parts.`,
      });
    }
    const db = deps.db();
    const sha256 = createHash('sha256').update(text).digest('hex');
    const existing = db.prepare('SELECT title FROM knowledge_documents WHERE sha256 = ?').get(sha256) as { title: string } | undefined;
    if (existing) {
      throw knowledgeError('KNOWLEDGE_DUPLICATE', {
        ja: `同じ内容の文書「${existing.title}」が登録済みです。`,
        en: `The same text is already in the knowledge base as "${existing.title}".`,
      });
    }
    const chunks = chunkDocument(text);
    const id = writeTransaction(db, () => {
      const docId = Number(
        db
          .prepare('INSERT INTO knowledge_documents (title, source_name, builtin, sha256, text, added_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(title, doc.sourceName ?? null, builtin ? 1 : 0, sha256, text, deps.now()).lastInsertRowid,
      );
      const insert = db.prepare('INSERT INTO knowledge_chunks (doc_id, ord, heading, text) VALUES (?, ?, ?, ?)');
      chunks.forEach((c, i) => insert.run(docId, i, c.heading, c.text));
      return docId;
    });
    dirty = true;
    return toDoc(db.prepare(`${listSql} WHERE d.doc_id = ?`).get(id) as DocRow);
  };

  const vectorIndex = async (): Promise<VectorIndex | null> => {
    const embedder = deps.embedder();
    if (!dirty && indexModel === embedder.model) return index;
    const sync = await syncStoredVectors(
      deps.db(),
      embedder,
      {
        table: 'knowledge_vectors',
        idColumn: 'chunk_id',
        sourceTable: 'knowledge_chunks',
        textColumn: 'text',
      },
      deps.indexPath,
    );
    index = sync.index;
    indexModel = embedder.model;
    dirty = false;
    return index;
  };

  return {
    ensureDefaults(): number {
      if (deps.meta.get('knowledge_defaults_loaded')) return 0;
      let added = 0;
      for (const d of defaults.documents) {
        try {
          add({ title: d.title, text: d.text, sourceName: 'Genba' }, true);
          added++;
        } catch (error) {
          if ((error as { code?: string }).code !== 'KNOWLEDGE_DUPLICATE') throw error;
        }
      }
      deps.meta.set('knowledge_defaults_loaded', String(deps.now()));
      return added;
    },

    add: (doc: { title: string; text: string; sourceName?: string | null }) => add(doc),

    list(): KnowledgeDoc[] {
      return (deps.db().prepare(`${listSql} ORDER BY d.doc_id`).all() as DocRow[]).map(toDoc);
    },

    get(id: number): KnowledgeDocDetail | null {
      const row = deps.db().prepare(`SELECT ${columns}, d.text FROM knowledge_documents d WHERE d.doc_id = ?`).get(id) as
        (DocRow & { text: string }) | undefined;
      return row ? { ...toDoc(row), text: row.text } : null;
    },

    remove(id: number): KnowledgeDoc[] {
      const changes = deps.db().prepare('DELETE FROM knowledge_documents WHERE doc_id = ?').run(id).changes;
      if (changes === 0) throw knowledgeError('KNOWLEDGE_NOT_FOUND', { ja: `文書 ${id} は見つかりません。`, en: `Document ${id} was not found.` });
      dirty = true;
      return this.list();
    },
    async search(query: string, k = 5): Promise<Citation[]> {
      const db = deps.db();
      const scores = new Map<number, number>();
      const fuse = (ids: number[]): void => ids.forEach((id, rank) => scores.set(id, (scores.get(id) ?? 0) + 1 / (RRF_K + rank + 1)));
      const fts = trigramQuery(query);
      if (fts) {
        fuse(
          (
            db.prepare('SELECT rowid AS id FROM knowledge_fts WHERE knowledge_fts MATCH ? ORDER BY bm25(knowledge_fts) LIMIT ?').all(fts, CANDIDATES) as {
              id: number;
            }[]
          ).map((r) => r.id),
        );
      }
      const short = shortTerms(query);
      if (short.length > 0) {
        const hits = short.map(() => '(instr(text, ?) > 0)').join(' + ');
        fuse(
          (
            db
              .prepare(`SELECT chunk_id AS id, ${hits} AS hits FROM knowledge_chunks WHERE hits > 0 ORDER BY hits DESC, chunk_id LIMIT ?`)
              .all(...short, CANDIDATES) as { id: number }[]
          ).map((r) => r.id),
        );
      }
      const idx = await vectorIndex();
      if (idx && idx.size > 0) {
        const [v] = await deps.embedder().embed([query], 'query');
        fuse(idx.search(v!, Math.min(CANDIDATES, idx.size)).map((h) => h.id));
      }
      const top = [...scores].sort((a, b) => b[1] - a[1]).slice(0, k);
      const chunk = db.prepare(`SELECT c.chunk_id, c.doc_id, c.heading, c.text, d.title, d.builtin FROM knowledge_chunks c
                                  JOIN knowledge_documents d USING (doc_id) WHERE c.chunk_id = ?`);
      return top.flatMap(([id, score]) => {
        const r = chunk.get(id) as { chunk_id: number; doc_id: number; heading: string | null; text: string; title: string; builtin: number } | undefined;
        return r
          ? [
              {
                docId: r.doc_id,
                chunkId: r.chunk_id,
                title: r.title,
                ...titleEn(r.title, r.builtin === 1),
                ...sectionEn(r.title, r.heading, r.builtin === 1),
                heading: r.heading,
                text: r.text,
                score: Math.round(score * 1e4) / 1e4,
              },
            ]
          : [];
      });
    },
    reindex: async (): Promise<void> => {
      dirty = true;
      await vectorIndex();
    },
  } satisfies KnowledgeBase;
}
