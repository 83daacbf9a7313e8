import { WILDCARD } from './maskTokens.js';
import type { MinedTemplate } from './minedTemplate.js';

/** Below this many templates a leaf is scanned; above, it is indexed. */
const INDEX_FROM = 64;
const NO_CONSTANT = '\u0001*';
const key = (pos: number, token: string): string => `${pos}\u0001${token}`;

/**
 * The templates at one leaf of the miner's prefix tree. Once it holds many, they are indexed
 * by (position, constant token): similarity counts equal constants only, so a template that
 * can reach a threshold above 0 shares at least one constant with the message. The index
 * finds every candidate, and messages unlike all the others (random words, ids in the first
 * tokens) cost as much as the tokens they have, not as many templates as the leaf holds.
 * Postings are not updated when a template widens or leaves; lookups check both.
 */
export class TemplateLeaf {
  readonly templates: MinedTemplate[] = [];
  private readonly members = new Set<MinedTemplate>();
  private index: Map<string, MinedTemplate[]> | null = null;

  add(t: MinedTemplate): void {
    this.templates.push(t);
    this.members.add(t);
    if (this.index) this.post(t);
    else if (this.templates.length > INDEX_FROM) {
      this.index = new Map();
      for (const x of this.templates) this.post(x);
    }
  }

  remove(t: MinedTemplate): void {
    const i = this.templates.indexOf(t);
    if (i >= 0) this.templates.splice(i, 1);
    this.members.delete(t);
  }

  /**
   * Removes many at once and rebuilds the index: postings of templates that left would
   * otherwise pile up for as long as templates come and go (the miner's eviction).
   */
  removeAll(gone: ReadonlySet<MinedTemplate>): void {
    const kept = this.templates.filter((t) => !gone.has(t));
    this.templates.length = 0;
    this.members.clear();
    this.index = null;
    for (const t of kept) this.add(t);
  }

  /** The templates that share a constant with the message, oldest first (all of them while unindexed, or with `scan`). */
  candidates(tokens: string[], scan = false): MinedTemplate[] {
    if (!this.index || scan) return this.templates;
    const found = new Set<MinedTemplate>();
    tokens.forEach((token, pos) => {
      for (const t of this.index!.get(key(pos, token)) ?? []) if (t.tokens[pos] === token && this.members.has(t)) found.add(t);
    });
    // Ties go to the older template, as in a scan of the leaf.
    return [...found].sort((a, b) => a.id - b.id);
  }

  /** A template whose every constant the message has. */
  covering(tokens: string[]): MinedTemplate | null {
    const pool = this.index ? [...this.candidates(tokens), ...(this.index.get(NO_CONSTANT) ?? []).filter((t) => this.members.has(t))] : this.templates;
    return pool.find((t) => t.tokens.every((x, i) => x === WILDCARD || x === tokens[i])) ?? null;
  }

  private post(t: MinedTemplate): void {
    // A template of wildcards only shares no constant: covering() looks at these apart.
    const keys = t.tokens.every((x) => x === WILDCARD) ? [NO_CONSTANT] : t.tokens.flatMap((x, pos) => (x === WILDCARD ? [] : [key(pos, x)]));
    for (const k of keys) {
      const list = this.index!.get(k);
      if (list) list.push(t);
      else this.index!.set(k, [t]);
    }
  }
}
