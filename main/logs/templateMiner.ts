import { MAX_CHARS, WILDCARD } from './maskTokens.js';
import type { MinedTemplate } from './minedTemplate.js';
import { TemplateLeaf } from './templateLeaf.js';
import { addMap, note } from './templateValues.js';
import { findSpanMerges, type SpanMerge } from './templateSpans.js';
import { findValueSpanMerges, isUnit } from './valueSpans.js';
import { areStateWords } from './stateWords.js';
import type { ValueRule } from './valueRules.js';

/** A plain word (no digits, no masked value): the kind of value that may really be a constant. */
const WORD = /^[A-Za-z][A-Za-z_-]*\.?$/;

/** Passes of the value-span rule per refine(): enough for an event written in this many lengths and one more. */
const MAX_VALUE_SPAN_PASSES = 4;

/**
 * The miner's rules beyond Drain's tree (rules 3b, 4 and 5 below), each of which can be
 * switched off to measure what it does: `npm run bench`, section parse, lists each one's
 * effect per system, on each system's sample and on the design systems as one repeated
 * stream. A rule stays only while it helps the design systems and costs none of them more
 * than 0.01 (docs/logs.md, "Accuracy, judged on systems held out").
 */
export const MINER_RULES = ['wordSplit', 'spanMerge', 'covering', 'valueSpans', 'stateWords'] as const;
export type MinerRule = (typeof MINER_RULES)[number];

export interface MinerOptions {
  /** Rules switched off (none by default): for measuring each rule's effect. */
  off?: readonly MinerRule[];
  /** The tokenizer's value rules switched off (none by default), as `off` (valueRules.ts). */
  valuesOff?: readonly ValueRule[];
  /**
   * Depth of the prefix tree as Drain counts it, the root and the token-count level
   * included: a message is routed by its token count and its first `depth - 2` tokens
   * (3, the default: by the first token alone). See route().
   */
  depth: number;
  /** Share of equal tokens for a message to join a template. */
  similarity: number;
  /** Children of one tree node past which new tokens share its `<*>` branch. */
  maxChildren: number;
  /** refine(): a wildcard that only ever held this many plain words splits the template. */
  maxWordConstants: number;
  /**
   * Memory bounds: past this many templates in all, or in one leaf, the least-used are
   * folded into their leaf's catch-all template (see evict()), so a source of ever new
   * messages (random ids in every word) costs bounded memory and time.
   */
  maxTemplates: number;
  maxLeafTemplates: number;
}

export const DEFAULT_MINER: MinerOptions = { depth: 3, similarity: 0.5, maxChildren: 100, maxWordConstants: 3, maxTemplates: 20_000, maxLeafTemplates: 1_000 };

interface Node {
  children: Map<string, Node>;
  templates: TemplateLeaf;
  /** Where this leaf's least-used templates went when it overflowed: their tokens folded into one. */
  overflow?: MinedTemplate;
}
const node = (): Node => ({ children: new Map(), templates: new TemplateLeaf() });

/**
 * Online, incremental template mining: Drain's prefix tree, and the passes that correct
 * what a prefix tree cannot see. The rules, in the order a message meets them, and the
 * file that holds each:
 *
 * 1. Tokens (maskTokens.ts): a line is split into tokens, its variables (numbers,
 *    addresses, dates, ids…) masked as `<*>`, before it reaches the miner.
 * 2. Routing (route(), leaf(), leaves(): here): down the tree by the token count, then by
 *    the first `depth - 2` tokens. A token that is `<*>` or holds a digit takes the `<*>`
 *    branch, as does a new token under a node that has `maxChildren` children already.
 * 3. Joining (add(), best(): here; the leaf's index: templateLeaf.ts): the message joins
 *    the template of its leaf with the largest share of equal constants, at least
 *    `similarity` (ties: the one with more wildcards); (3b, `covering`) else a template of
 *    the leaf it fits exactly, every constant equal: a message a template already describes
 *    is an instance of it, whenever it comes (else a repeat of an early message, after its
 *    template widened below the similarity, starts a second template for the same event,
 *    and a leaf's catch-all could take nothing); else it starts a template. A constant it
 *    differs in becomes `<*>`, and the values seen at each `<*>` are counted
 *    (templateValues.ts: up to MAX_VALUES, then "many").
 * 4. Split (`wordSplit`; splitWords(): here): a `<*>` that only ever held 2 to
 *    `maxWordConstants` plain words splits its template into one per word (at the position
 *    with fewest words): how a position varies across the lines of one event decides. Not units
 *    of measure (`KB`, `MB`, `bytes`): they vary with the number before them.
 *    (4b, `stateWords`; stateWords.ts) So does one of up to 8 plain words, unquoted, when one
 *    of them is a verb form (-ed, -ing): words that say what happened are the event's states
 *    ("VM Started / Stopped / Paused / Resumed / Crashed"); names stay a variable.
 * 5. Span merge (`spanMerge`; templateSpans.ts, mergeSpans(): here): two templates of
 *    different lengths that differ only in how many tokens one value was cut into (between
 *    a common prefix and suffix, written as one chunk of the message) become one, with one
 *    `<*>` for it.
 *    (5b, `valueSpans`; valueSpans.ts) Two templates whose constant words align in the same
 *    order with only value spans between them (masked values, numbers, units, one-character
 *    punctuation, however many tokens) are one event: "12 bytes" and "1024 bytes (1.0 KB)",
 *    one address and a comma-joined list, "<1 sec" and "1 min 3 sec".
 * 6. Aliases (mergeSpans(), resolve(): here): the template a span merge absorbed stays in
 *    its leaf, so its messages still find it, and counts them for the template it went
 *    into; it is dropped once that one is split or merged away.
 * 7. Eviction (evict(): here): past `maxLeafTemplates` in one leaf or `maxTemplates` in all,
 *    the least-used templates (the oldest of equal counts first) are folded into their
 *    leaf's catch-all template, which is never evicted and takes the new messages it covers
 *    (3b). A memory bound, not a parsing rule.
 *
 * A first `stateWords` rule (up to 8 words split a template when each was frequent) was run on
 * issue 42's first locked families and taken out: it split few-valued names (database names,
 * HTTP methods, lock modes, statuses inside an SQL literal) and cost two families (Database
 * 0.121, EdgeProxy 0.031). The rule of 4b asks for a verb form and no quotes instead.
 *
 * One rule was taken out when the design systems were separated from the held-out ones
 * (issue 30): a sibling merge (templates equal but for one word position with more than
 * `maxWordConstants` words there became one). It changed no design system's grouping, on
 * their samples or as a stream, and it is the way two events that differ by a state word
 * became one.
 *
 * Rules 4 and 5 (with 5b) run in refine(), which the caller runs once a batch is in (parseLogFile.ts,
 * applyRefinement.ts) and then matches the lines of the templates it replaced again.
 */
export class TemplateMiner {
  private readonly root = node();
  private readonly byId = new Map<number, MinedTemplate>();
  /**
   * Templates folded into another by a span merge (templateSpans): they stay in their leaf,
   * so their messages still find them, and count for the template they were folded into.
   */
  private readonly aliases = new Map<MinedTemplate, MinedTemplate>();
  private nextId = 1;
  /** Ids evicted since the last refine(), which reports them with the templates it replaced. */
  private evicted: number[] = [];
  private readonly overflows = new Set<MinedTemplate>();

  /** Which rules run: read once, not per message (add() is the hot path). */
  private readonly on: Readonly<Record<MinerRule, boolean>>;

  constructor(private readonly o: MinerOptions = DEFAULT_MINER) {
    this.on = Object.fromEntries(MINER_RULES.map((r) => [r, !o.off?.includes(r)])) as Record<MinerRule, boolean>;
  }

  /** Restores persisted templates so mining continues where it stopped. */
  load(templates: MinedTemplate[]): void {
    for (const t of templates) {
      this.leaf(t.tokens).templates.add(t);
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

  /**
   * Adds one message, or `weight` lines of one message shape (a source that aggregates
   * sends each shape once with its count); tells whether its template is new or had to widen.
   */
  add(tokens: string[], values?: (string | null)[], sample?: string, weight = 1): { template: MinedTemplate; created: boolean; changed: boolean } {
    const leaf = this.leaf(tokens);
    let best = this.join(leaf, tokens);
    // An alias whose target is gone was dropped by resolve(): look again without it.
    while (best && this.aliases.has(best) && !this.resolve(best)) best = this.join(leaf, tokens);
    if (!best) {
      const template: MinedTemplate = { id: this.nextId++, tokens: [...tokens], count: weight, values: {} };
      // Capped like the message itself: only how its first tokens were written is asked for.
      if (sample !== undefined) template.sample = sample.length > MAX_CHARS ? sample.slice(0, MAX_CHARS) : sample;
      tokens.forEach((t, i) => {
        if (t === WILDCARD) note(template.values, i, values?.[i] ?? null);
      });
      leaf.templates.add(template);
      this.byId.set(template.id, template);
      if (leaf.templates.templates.length > this.o.maxLeafTemplates) this.evict(leaf.templates.templates, Math.floor(this.o.maxLeafTemplates / 2));
      if (this.byId.size > this.o.maxTemplates) this.evict(this.byId.values(), Math.floor(this.o.maxTemplates * 0.9));
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
      if (best.tokens[i] === WILDCARD) note(best.values, i, tokens[i] === WILDCARD ? (values?.[i] ?? null) : tokens[i]!);
    }
    best.count += weight;
    const target = this.aliases.get(best);
    if (target) {
      target.count += weight;
      return { template: target, created: false, changed: false };
    }
    return { template: best, created: false, changed };
  }

  /**
   * Splits templates at a wildcard that only ever held a few plain words: "Starting
   * TrustedInstaller initialization." and "… finalization." are two events, not one with a
   * variable. Returns the ids of templates that were replaced (and of those evicted since
   * the last call): their messages belong to another template now, which match() finds.
   */
  refine(): number[] {
    const replaced: number[] = this.evicted;
    this.evicted = [];
    if (this.on.wordSplit || this.on.stateWords) this.splitWords(replaced);
    if (this.on.spanMerge) this.mergeSpans(replaced, findSpanMerges(this.byId.values()));
    // Each pass folds a template with one other: an event written in three lengths takes two.
    for (let pass = 0; this.on.valueSpans && pass < MAX_VALUE_SPAN_PASSES; pass++) {
      const merges = findValueSpanMerges(this.byId.values());
      if (merges.length === 0) break;
      this.mergeSpans(replaced, merges);
    }
    return replaced;
  }

  /** Rule 3: the most similar template of the leaf; else (3b, covering) one the message fits exactly, below the similarity too. */
  private join(leaf: Node, tokens: string[]): MinedTemplate | null {
    return this.best(leaf, tokens) ?? (this.on.covering ? leaf.templates.covering(tokens) : null);
  }

  /** Rule 4: a wildcard that only ever held a few plain words splits its template, one per word. */
  private splitWords(replaced: number[]): void {
    for (const t of [...this.byId.values()]) {
      let split: { pos: number; values: Record<string, number> } | null = null;
      for (const [key, values] of Object.entries(t.values)) {
        const pos = Number(key);
        if (!values || t.tokens[pos] !== WILDCARD) continue;
        const words = Object.keys(values);
        if (words.length < 2 || !words.every((w) => WORD.test(w))) continue;
        // Units of measure (KB, MB, bytes) that vary with the number before them are part of its value, not the event's words.
        if (words.every(isUnit)) continue;
        // Each rule switched off alone: 2 to maxWordConstants words are wordSplit's, more are stateWords'.
        const few = words.length <= this.o.maxWordConstants;
        if (few ? !this.on.wordSplit : !(this.on.stateWords && areStateWords(values, t.tokens[pos - 1], t.tokens[pos + 1]))) continue;
        if (!split || words.length < Object.keys(split.values).length) split = { pos, values };
      }
      if (!split) continue;
      const leaf = this.leaf(t.tokens);
      leaf.templates.remove(t);
      this.byId.delete(t.id);
      replaced.push(t.id);
      for (const [word, count] of Object.entries(split.values)) {
        const tokens = [...t.tokens];
        tokens[split.pos] = word;
        // The parent's values mix both children's: each child starts with none, and the
        // caller that reassigns the parent's lines observe()s them (a position where a child
        // only ever held one word then reads as that word).
        const values = Object.fromEntries(
          Object.keys(t.values)
            .filter((k) => Number(k) !== split!.pos)
            .map((k) => [k, {}]),
        );
        const child: MinedTemplate = { id: this.nextId++, tokens, count, values };
        this.leaf(tokens).templates.add(child);
        this.byId.set(child.id, child);
      }
    }
  }

  /** Folds templates that differ only in how many tokens one value was cut into (templateSpans). */
  private mergeSpans(replaced: number[], merges: SpanMerge[]): void {
    for (const { keep, absorb, tokens, spans, keepAt, absorbAt } of merges) {
      // A value written in a different number of tokens becomes one wildcard whose values are too
      // mixed to keep; every other position keeps its values where it went.
      const values: MinedTemplate['values'] = Object.fromEntries(spans.map((at) => [at, null]));
      for (const [t, to] of [
        [keep, keepAt],
        [absorb, absorbAt],
      ] as const) {
        for (const [k, v] of Object.entries(t.values)) {
          const at = to[Number(k)];
          if (at === null || at === undefined) continue;
          addMap(values, at, v);
        }
      }
      this.remove(keep);
      this.byId.delete(absorb.id);
      replaced.push(absorb.id);
      keep.tokens = tokens;
      keep.values = values;
      keep.count += absorb.count;
      this.byId.set(keep.id, keep);
      this.leaf(tokens).templates.add(keep);
      // The absorbed template stays where its messages are routed, standing for the event it is part of.
      this.aliases.set(absorb, keep);
      for (const [from, to] of this.aliases) if (to === absorb) this.aliases.set(from, keep);
    }
  }

  /**
   * Folds the least-used templates of `pool` into their leaf's catch-all template until
   * `keep` are left: positions where they differ become wildcards, and their messages match
   * the catch-all from then on. Least used first, the oldest of equal counts first (a new
   * event has had less time to recur). Catch-alls themselves are never evicted.
   */
  private evict(pool: Iterable<MinedTemplate>, keep: number): void {
    const ranked = [...pool].filter((t) => !this.overflows.has(t)).sort((a, b) => a.count - b.count || a.id - b.id);
    const byLeaf = new Map<Node, Set<MinedTemplate>>();
    for (const t of ranked.slice(0, Math.max(0, ranked.length - keep))) {
      const leaf = this.leaf(t.tokens);
      const set = byLeaf.get(leaf) ?? new Set();
      set.add(t);
      byLeaf.set(leaf, set);
    }
    for (const [leaf, gone] of byLeaf) {
      let into = leaf.overflow && this.byId.get(leaf.overflow.id) === leaf.overflow ? leaf.overflow : undefined;
      if (!into) {
        const first = gone.values().next().value!;
        into = leaf.overflow = { id: this.nextId++, tokens: [...first.tokens], count: 0, values: {} };
        this.byId.set(into.id, into);
        this.overflows.add(into);
      }
      gone.add(into);
      leaf.templates.removeAll(gone);
      gone.delete(into);
      for (const t of gone) {
        t.tokens.forEach((x, i) => {
          if (into.tokens[i] === x) return;
          into.tokens[i] = WILDCARD;
          into.values[i] = null;
        });
        into.count += t.count;
        this.byId.delete(t.id);
        this.evicted.push(t.id);
      }
      // Added back after folding, so the leaf indexes it by the constants it has left.
      leaf.templates.add(into);
    }
  }

  /** The live template an alias stands for; null (and the alias dropped) once that was split or merged away. */
  private resolve(t: MinedTemplate): MinedTemplate | null {
    const target = this.aliases.get(t);
    if (!target) return t;
    if (this.byId.get(target.id) === target) return target;
    this.aliases.delete(t);
    this.leaf(t.tokens).templates.remove(t);
    return null;
  }

  private remove(t: MinedTemplate): void {
    this.leaf(t.tokens).templates.remove(t);
    this.byId.delete(t.id);
  }

  /** Counts a message's values at the wildcards of the template it was matched to (after refine() reassigned it). */
  observe(t: MinedTemplate, tokens: string[], values: (string | null)[]): void {
    // A message of a folded span (templateSpans) has its own length: its positions are not the template's.
    if (tokens.length !== t.tokens.length) return;
    for (let i = 0; i < t.tokens.length; i++) {
      if (t.tokens[i] === WILDCARD) note(t.values, i, tokens[i] === WILDCARD ? (values[i] ?? null) : (tokens[i] ?? null));
    }
  }

  /** The template that covers a message exactly (every constant equal), without learning from it. */
  match(tokens: string[]): MinedTemplate | null {
    for (;;) {
      const found = this.covering(tokens);
      if (!found) return null;
      const live = this.resolve(found);
      if (live) return live;
    }
  }

  /** A template of the message's leaves whose every constant the message has. */
  private covering(tokens: string[]): MinedTemplate | null {
    for (const n of this.leaves(tokens)) {
      const found = n.templates.covering(tokens);
      if (found) return found;
    }
    return null;
  }

  /**
   * The keys a message is routed by (rule 2), one per level below the root: its token
   * count, then its first `depth - 2` tokens, each that looks variable as `<*>`.
   */
  private route(tokens: string[]): string[] {
    return [String(tokens.length), ...tokens.slice(0, this.o.depth - 2).map((t) => (t === WILDCARD || /\d/.test(t) ? WILDCARD : t))];
  }

  /** Every existing leaf a message may belong to: at each level its own branch, then the wildcard branch. */
  private leaves(tokens: string[]): Node[] {
    let level: Node[] = [this.root];
    for (const key of this.route(tokens)) {
      level = level.flatMap((n) => [n.children.get(key), key === WILDCARD ? undefined : n.children.get(WILDCARD)].filter((x): x is Node => !!x));
    }
    return level;
  }

  /** The leaf a message is routed to, made on the way where missing. */
  private leaf(tokens: string[]): Node {
    let n = this.root;
    const keys = this.route(tokens);
    for (let level = 0; level < keys.length; level++) {
      const key = keys[level]!;
      // Below a node that has maxChildren children, a new token shares the wildcard branch.
      const full = level > 0 && n.children.size >= this.o.maxChildren;
      let next = n.children.get(key) ?? (full ? n.children.get(WILDCARD) : undefined);
      if (!next) {
        next = node();
        n.children.set(full ? WILDCARD : key, next);
      }
      n = next;
    }
    return n;
  }

  private best(leaf: Node, tokens: string[], threshold = this.o.similarity): MinedTemplate | null {
    let best: MinedTemplate | null = null;
    let bestSim = -1;
    let bestParams = -1;
    // With a threshold of 0 a template sharing nothing could win: only a scan is exact then.
    for (const t of leaf.templates.candidates(tokens, threshold <= 0)) {
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
