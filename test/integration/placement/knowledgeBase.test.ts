import Database from 'better-sqlite3';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKnowledgeBase, type KnowledgeBase } from '../../../main/knowledge/knowledgeBase.js';
import { KnowledgeError } from '../../../main/knowledge/knowledgeError.js';
import { hashedNgramEmbedder } from '../../../main/logs/templateEmbedder.js';
import { migrate } from '../../../main/store/migration.js';
import { tempDir } from '../../helpers/tempDir.js';
import { thrownBy } from '../../helpers/thrownBy.js';

describe('know-how: SQLite FTS5 trigrams + HNSW vectors, fused by rank', () => {
  let db: Database.Database;
  let kb: KnowledgeBase;
  let dir: ReturnType<typeof tempDir>;
  const meta = new Map<string, string>();
  const indexPath = (): string => join(dir.path, 'index', 'knowledge.hnsw');
  const open = (): KnowledgeBase =>
    createKnowledgeBase({
      db: () => db,
      indexPath: indexPath(),
      embedder: hashedNgramEmbedder,
      now: () => 1_000,
      meta: { get: (k) => meta.get(k) ?? null, set: (k, v) => void meta.set(k, v) },
    });
  beforeEach(() => {
    dir = tempDir();
    db = new Database(join(dir.path, 'k.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db);
    meta.clear();
    kb = open();
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  it('loads the shipped documents once; a removed one stays removed', () => {
    expect(kb.ensureDefaults()).toBe(3);
    const docs = kb.list();
    expect(docs.map((d) => d.builtin)).toEqual([true, true, true]);
    kb.remove(docs[0]!.id);
    expect(open().ensureDefaults()).toBe(0);
    expect(kb.list()).toHaveLength(2);
  });

  it.each([
    ['納期まで20分で遅れそう。何人動かす？', '納期直前の増員'],
    ['エントリ工程に誰を回すべきか、経験は何年必要？', 'エントリ工程の人選'],
    ['遅延時はどの拠点から人を出す？', '移動元の選び方'],
    ['新人を応援に出してもいいか', '新人の配置'],
    ['OCRワーカーのタイムアウトが増えた', 'OCRワーカーのエラー'],
  ])('%s → 「%s」 in the top 3, with its text', async (query, heading) => {
    kb.ensureDefaults();
    const hits = await kb.search(query, 3);
    expect(hits.map((h) => h.heading)).toContain(heading);
    const hit = hits.find((h) => h.heading === heading)!;
    expect(hit.text.startsWith(heading)).toBe(true);
    expect(hit.score).toBeGreaterThan(0);
  });

  it("adds, finds and removes a manager's own document, chunks, full-text rows and vectors together", async () => {
    kb.ensureDefaults();
    const doc = kb.add({ title: '横浜の申し送り', text: '# 横浜\n\n## 夕方の補正\n17時以降の補正は横浜のベテラン2名で対応する。', sourceName: 'yokohama.md' });
    expect(doc).toMatchObject({ title: '横浜の申し送り', chunks: 1, builtin: false, sourceName: 'yokohama.md' });
    expect((await kb.search('夕方の補正は誰が対応する？', 1))[0]).toMatchObject({ docId: doc.id, heading: '夕方の補正' });
    kb.remove(doc.id);
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    expect(count(`SELECT COUNT(*) AS n FROM knowledge_chunks WHERE doc_id = ${doc.id}`)).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM knowledge_fts WHERE knowledge_fts MATCH \'"夕方の"\'')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM knowledge_vectors WHERE chunk_id NOT IN (SELECT chunk_id FROM knowledge_chunks)')).toBe(0);
    expect((await kb.search('夕方の補正は誰が対応する？', 3)).map((h) => h.docId)).not.toContain(doc.id);
  });

  it("refuses empty, duplicate and oversized documents in the manager's language", () => {
    kb.ensureDefaults();
    expect(thrownBy(KnowledgeError, () => kb.add({ title: ' ', text: 'x' }))).toMatchObject({ code: 'KNOWLEDGE_EMPTY' });
    const { text } = db.prepare('SELECT text FROM knowledge_documents LIMIT 1').get() as { text: string };
    const dup = thrownBy(KnowledgeError, () => kb.add({ title: 'copy', text }));
    expect(dup).toMatchObject({ code: 'KNOWLEDGE_DUPLICATE' });
    expect(dup.messageIn('ja')).toContain('登録済み');
    expect(thrownBy(KnowledgeError, () => kb.add({ title: 'big', text: 'あ'.repeat(1_000_001) }))).toMatchObject({ code: 'KNOWLEDGE_TOO_LARGE' });
    expect(thrownBy(KnowledgeError, () => kb.remove(9999))).toMatchObject({ code: 'KNOWLEDGE_NOT_FOUND' });
  });

  it('rebuilds a missing or damaged index from SQLite', async () => {
    kb.ensureDefaults();
    const before = await kb.search('納期20分前', 3);
    expect(existsSync(indexPath())).toBe(true);
    rmSync(indexPath());
    const reopened = open();
    expect(await reopened.search('納期20分前', 3)).toEqual(before);
    writeFileSync(indexPath(), 'garbage');
    expect(await open().search('納期20分前', 3)).toEqual(before);
  });
});
