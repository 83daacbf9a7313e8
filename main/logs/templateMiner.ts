import { WILDCARD } from './maskTokens.js';

export interface MinedTemplate {
  id: number;
  tokens: string[];
  count: number;
  /** Per wildcard position: the values seen and how often (capped; `null` once too many to keep). */
  values: Record<number, Record<string, number> | null>;
}

/** Distinct values kept per wildcard position: enough to tell a few words from a real variable. */
const MAX_VALUES = 32;
/** A plain word (no digits, no masked value): the kind of value that may really be a constant. */
const WORD = /^[A-Za-z][A-Za-z_-]*\.?$/;

export interface MinerOptions {
  /** Tokens after the length level used to route a message in the tree. */
  depth: number;
  /** Share of equal tokens for a message to join a template. */
  similarity: number;
  maxChildren: number;
  /** refine(): a wildcard that only ever held this many plain words splits the template. */
  maxWordConstants: number;
}

export const DEFAULT_MINER: MinerOptions = { depth: 4, similarity: 0.5, maxChildren: 100, maxWordConstants: 3 };

interface Node {
  children: Map<string, Node>;
  templates: MinedTemplate[];
}
const node = (): Node => ({ children: new Map(), templates: [] });

/**
 * Online, incremental template mining (the Drain prefix tree): messages are routed by
 * token count and their first tokens, then join the most similar template of that leaf
 * or start a new one. Positions where members differ become wildcards.
 */
export class TemplateMiner {
  private readonly root = node();
  private readonly byId = new Map<number, MinedTemplate>();
  private nextId = 1;

  constructor(private readonly o: MinerOptions = DEFAULT_MINER) {}

  /** Restores persisted templates so mining continues where it stopped. */
  load(templates: MinedTemplate[]): void {
    for (const t of templates) {
      this.leaf(t.tokens, true).templates.push(t);
      this.byId.set(t.id, t);
      this.nextId = Math.max(this.nextId, t.id + 1);
    }
  }

  /** New templates get ids from `id` on (ids of cleared templates are never handed out again). */
  startIdsAt(id: number): void {
    if (Number.isSafeInteger(id)) this.nextId = Math.max(this.nextId, id);
  }

  get templates(): MinedTemplate[] {
    return [...this.byId.values()];
  }

  /** Adds one message; tells whether its template is new or had to widen. */
  add(tokens: string[], values?: (string | null)[]): { template: MinedTemplate; created: boolean; changed: boolean } {
    const leaf = this.leaf(tokens, true);
    const best = this.best(leaf, tokens);
    if (!best) {
      const template: MinedTemplate = { id: this.nextId++, tokens: [...tokens], count: 1, values: {} };
      tokens.forEach((t, i) => {
        if (t === WILDCARD) note(template, i, values?.[i] ?? t);
      });
      leaf.templates.push(template);
      this.byId.set(template.id, template);
      return { template, created: true, changed: false };
    }
    let changed = false;
    for (let i = 0; i < tokens.length; i++) {
      if (best.tokens[i] !== tokens[i] && best.tokens[i] !== WILDCARD) {
        // The constant so far becomes the first value of the new wildcard.
        best.values[i] = { [best.tokens[i]!]: best.count };
        best.tokens[i] = WILDCARD;
        changed = true;
      }
      if (best.tokens[i] === WILDCARD) note(best, i, values?.[i] ?? tokens[i]!);
    }
    best.count++;
    return { template: best, created: false, changed };
  }

  /**
   * Splits templates at a wildcard that only ever held a few plain words: "Starting
   * TrustedInstaller initialization." and "… finalization." are two events, not one with a
   * variable. Returns the ids of templates that were replaced.
   */
  refine(): number[] {
    const replaced: number[] = [];
    for (const t of [...this.byId.values()]) {
      let split: { pos: number; values: Record<string, number> } | null = null;
      for (const [key, values] of Object.entries(t.values)) {
        const pos = Number(key);
        if (!values || t.tokens[pos] !== WILDCARD) continue;
        const words = Object.keys(values);
        if (words.length < 2 || words.length > this.o.maxWordConstants || !words.every((w) => WORD.test(w))) continue;
        if (!split || words.length < Object.keys(split.values).length) split = { pos, values };
      }
      if (!split) continue;
      const leaf = this.leaf(t.tokens, true);
      leaf.templates.splice(leaf.templates.indexOf(t), 1);
      this.byId.delete(t.id);
      replaced.push(t.id);
      for (const [word, count] of Object.entries(split.values)) {
        const tokens = [...t.tokens];
        tokens[split.pos] = word;
        const values = Object.fromEntries(Object.entries(t.values).filter(([k]) => Number(k) !== split!.pos));
        const child: MinedTemplate = { id: this.nextId++, tokens, count, values };
        this.leaf(tokens, true).templates.push(child);
        this.byId.set(child.id, child);
      }
    }
    return replaced;
  }

  /** The template that covers a message exactly (every constant equal), without learning from it. */
  match(tokens: string[]): MinedTemplate | null {
    const leaf = this.leaf(tokens, false);
    if (!leaf) return null;
    return leaf.templates.find((t) => t.tokens.every((x, i) => x === WILDCARD || x === tokens[i])) ?? null;
  }

  private leaf(tokens: string[], create: true): Node;
  private leaf(tokens: string[], create: false): Node | null;
  private leaf(tokens: string[], create: boolean): Node | null {
    let n = this.root;
    const path = [String(tokens.length), ...tokens.slice(0, this.o.depth - 2)];
    for (let level = 0; level < path.length; level++) {
      let key = path[level]!;
      // Tokens that look variable, and overflowing branches, share the wildcard branch.
      if (level > 0 && (key === WILDCARD || /\d/.test(key))) key = WILDCARD;
      let next = n.children.get(key);
      if (!next && level > 0 && !n.children.has(key) && n.children.size >= this.o.maxChildren) next = n.children.get(WILDCARD);
      if (!next) {
        if (!create) return n.children.get(WILDCARD) ?? null;
        next = node();
        n.children.set(n.children.size >= this.o.maxChildren && level > 0 ? WILDCARD : key, next);
      }
      n = next;
    }
    return n;
  }

  private best(leaf: Node, tokens: string[], threshold = this.o.similarity): MinedTemplate | null {
    let best: MinedTemplate | null = null;
    let bestSim = -1;
    let bestParams = -1;
    for (const t of leaf.templates) {
      let same = 0;
      let params = 0;
      for (let i = 0; i < tokens.length; i++) {
        if (t.tokens[i] === WILDCARD) params++;
        else if (t.tokens[i] === tokens[i]) same++;
      }
      const sim = same / tokens.length;
      if (sim > bestSim || (sim === bestSim && params > bestParams)) {
        best = t;
        bestSim = sim;
        bestParams = params;
      }
    }
    return best && bestSim >= threshold ? best : null;
  }
}

function note(t: MinedTemplate, pos: number, value: string): void {
  const values = t.values[pos] ?? (t.values[pos] = {});
  if (values === null) return;
  if (value in values) values[value]!++;
  else if (Object.keys(values).length < MAX_VALUES) values[value] = 1;
  else t.values[pos] = null;
}
