import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../../main/knowledge/chunkDocument.js';
import { shortTerms, trigramQuery } from '../../../main/knowledge/knowledgeBase.js';

describe('know-how chunking and query terms', () => {
  it('splits at headings, keeps each heading with its text', () => {
    const chunks = chunkDocument('# 基準\n\n前書き。\n\n## 納期直前の増員\n納期20分前は3名以上移動する。\n\n## 移動元\n遅延時は近隣拠点から。\r\n');
    expect(chunks.map((c) => c.heading)).toEqual(['基準', '納期直前の増員', '移動元']);
    expect(chunks[1]!.text).toBe('納期直前の増員\n納期20分前は3名以上移動する。');
  });

  it('cuts long paragraphs at sentence ends into chunks of at most ~600 characters', () => {
    const sentence = 'エントリ工程は経験2年以上を優先する。';
    const chunks = chunkDocument(sentence.repeat(100));
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(600);
      expect(c.text.endsWith('。')).toBe(true);
    }
    expect(chunks.map((c) => c.text).join('')).toBe(sentence.repeat(100));
  });

  it('builds trigram and short-word queries that cannot inject FTS syntax', () => {
    expect(trigramQuery('遅延時 "OR" NEAR(')).toBe('"遅延時" OR "nea" OR "ear"');
    expect(trigramQuery('a b')).toBeNull();
    expect(shortTerms('札幌のエントリ1工程が遅延 納期')).toEqual(['札幌', '工程', '遅延', '納期']);
  });
});
