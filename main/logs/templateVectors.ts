import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { syncStoredVectors, type TextEmbedder, type VectorSync } from '../ai/storedVectors.js';
import { templateText } from './templateText.js';

/** Each template is embedded once (its lines inherit it), as the text a person would read. */
export function syncTemplateVectors(db: Database.Database, embedder: TextEmbedder, indexDir: string): Promise<VectorSync> {
  return syncStoredVectors(
    db,
    embedder,
    {
      table: 'log_template_vectors',
      idColumn: 'template_id',
      sourceTable: 'log_templates',
      textColumn: 'tokens',
      toText: (raw) => templateText(JSON.parse(raw) as string[]),
    },
    join(indexDir, 'log-templates.hnsw'),
  );
}
