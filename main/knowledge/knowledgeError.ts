import { GenbaError, type Localized } from '../errors.js';

export type KnowledgeErrorCode = 'KNOWLEDGE_EMPTY' | 'KNOWLEDGE_TOO_LARGE' | 'KNOWLEDGE_DUPLICATE' | 'KNOWLEDGE_NOT_FOUND' | 'KNOWLEDGE_UNREADABLE';

export class KnowledgeError extends GenbaError {
  declare readonly code: KnowledgeErrorCode;
}

export const knowledgeError = (code: KnowledgeErrorCode, text: Localized, detail?: string): KnowledgeError => new KnowledgeError(code, text, { detail });
