export interface Chunk {
  heading: string | null;
  text: string;
}

const MAX_CHARS = 600;

/**
 * Splits a Markdown or plain-text document at headings, then at paragraphs, into chunks of
 * at most ~600 characters. Each chunk remembers its heading, which is also prepended to its
 * text so that a rule's section title counts for retrieval.
 */
export function chunkDocument(text: string): Chunk[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const sections: { heading: string | null; paragraphs: string[] }[] = [{ heading: null, paragraphs: [] }];
  let paragraph: string[] = [];
  const flush = (): void => {
    const p = paragraph.join('\n').trim();
    if (p) sections[sections.length - 1]!.paragraphs.push(p);
    paragraph = [];
  };
  for (const line of lines) {
    const h = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (h) {
      flush();
      sections.push({ heading: h[1]!, paragraphs: [] });
    } else if (line.trim() === '') flush();
    else paragraph.push(line);
  }
  flush();

  const chunks: Chunk[] = [];
  for (const s of sections) {
    let current = '';
    const emit = (): void => {
      if (current.trim()) chunks.push({ heading: s.heading, text: s.heading ? `${s.heading}\n${current.trim()}` : current.trim() });
      current = '';
    };
    for (const p of s.paragraphs) {
      // A paragraph longer than a chunk is cut at sentence ends.
      const pieces =
        p.length <= MAX_CHARS
          ? [p]
          : p.split(/(?<=[。．.!?！？])/u).reduce<string[]>((acc, sentence) => {
              const last = acc[acc.length - 1];
              if (last !== undefined && last.length + sentence.length <= MAX_CHARS) acc[acc.length - 1] = last + sentence;
              else acc.push(...(sentence.match(new RegExp(`[\\s\\S]{1,${MAX_CHARS}}`, 'g')) ?? []));
              return acc;
            }, []);
      for (const piece of pieces) {
        if (current && current.length + piece.length + 2 > MAX_CHARS) emit();
        current = current ? `${current}\n\n${piece}` : piece;
      }
    }
    emit();
  }
  return chunks;
}
