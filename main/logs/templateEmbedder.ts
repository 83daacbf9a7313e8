import { basename } from 'node:path';
import type { EmbeddingService } from '../ai/embeddingService.js';
import type { TextEmbedder } from '../ai/storedVectors.js';

const DIM = 256;

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Words and CJK runs of a template, without wildcards and punctuation. */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/<\*>/g, ' ')
    .split(/[^\p{L}\p{N}_]+/u)
    .filter((w) => w.length > 0);
}

/**
 * The built-in embedder when no model is installed: character 2–4-grams of each word
 * (with word boundaries) hashed into 256 signed buckets, log-scaled counts, normalized.
 * Deterministic and instant; it sees spelling, not meaning, which suits templates well.
 */
export function hashedNgramEmbedder(): TextEmbedder {
  const one = (text: string): Float32Array => {
    const v = new Float32Array(DIM);
    const counts = new Map<number, number>();
    for (const w of words(text)) {
      const padded = `^${w}$`;
      for (let n = 2; n <= 4; n++) {
        for (let i = 0; i + n <= padded.length; i++) {
          const h = fnv1a(padded.slice(i, i + n));
          counts.set(h, (counts.get(h) ?? 0) + 1);
        }
      }
    }
    for (const [h, c] of counts) v[h % DIM]! += (h & 0x80000000 ? -1 : 1) * Math.log1p(c);
    const norm = Math.hypot(...v) || 1;
    for (let i = 0; i < DIM; i++) v[i]! /= norm;
    return v;
  };
  return { model: `hashed-char-ngrams-${DIM}`, clusterEps: 0.6, embed: async (texts) => texts.map(one) };
}

/** A local ONNX model through the embedding service (its prefixes, in its worker). */
export function modelEmbedder(service: EmbeddingService, modelDir: string): TextEmbedder {
  return { model: `onnx:${basename(modelDir)}`, clusterEps: 0.25, embed: (texts, kind) => service.embed(texts, kind) };
}
