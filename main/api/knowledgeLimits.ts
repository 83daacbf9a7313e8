/** The largest document the knowledge base takes, in characters (about 300 pages). */
export const MAX_DOCUMENT_CHARS = 1_000_000;
