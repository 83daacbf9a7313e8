import { WILDCARD } from './maskTokens.js';
import type { MinedTemplate } from './minedTemplate.js';

/** Longer templates are left out (the keys cost the square of the length). */
const MERGE_MAX_TOKENS = 64;

/** Templates equal but for one position, to be one template with a wildcard there. */
export interface SiblingMerge {
  pos: number;
  survivor: MinedTemplate;
  members: MinedTemplate[];
}

/**
 * Templates equal but for one position (never the first), where more than
 * `maxWordConstants` different words stand ("removing chargen", "removing daytime", …), are
 * one event with a variable there; a template that already has a wildcard at that position
 * takes in any sibling (it survives; else the oldest). At least one other constant must
 * remain, or every one-word message would merge. Each template joins one merge at most.
 */
export function findSiblingMerges(templates: Iterable<MinedTemplate>, maxWordConstants: number): SiblingMerge[] {
  const groups = new Map<string, { pos: number; list: MinedTemplate[] }>();
  for (const t of templates) {
    if (t.tokens.length > MERGE_MAX_TOKENS) continue;
    const constants = t.tokens.filter((x) => x !== WILDCARD).length;
    for (let pos = 1; pos < t.tokens.length; pos++) {
      if (constants - (t.tokens[pos] === WILDCARD ? 0 : 1) < 1) continue;
      const k = `${pos}\u0002${t.tokens.map((x, j) => (j === pos ? '' : x)).join('\u0001')}`;
      const g = groups.get(k);
      if (g) g.list.push(t);
      else groups.set(k, { pos, list: [t] });
    }
  }
  const used = new Set<MinedTemplate>();
  const merges: SiblingMerge[] = [];
  for (const { pos, list } of groups.values()) {
    const members = list.filter((t) => !used.has(t));
    if (members.length < 2) continue;
    const open = members.find((t) => t.tokens[pos] === WILDCARD);
    if (!open && members.length <= maxWordConstants) continue;
    for (const t of members) used.add(t);
    merges.push({ pos, survivor: open ?? members.reduce((a, b) => (a.id < b.id ? a : b)), members });
  }
  return merges;
}
