import { displayTemplate } from './templateText.js';

/** A family's name is at most this long (characters); a longer text is cut at a word and ends in "…". */
export const FAMILY_LABEL_CHARS = 48;

/**
 * The member that stands for a family: the one closest to where the family's lines are, the
 * template whose vector has the largest dot product with the line-weighted sum of the members'
 * vectors (Σ_j count_j · similarity(i, j), in linear time). Ties go to the larger count, then
 * the lower id, so a full and an incremental clustering name a family alike.
 */
export function representative(members: { vector: Float32Array; count: number; id: number }[]): number {
  const dim = members[0]?.vector.length ?? 0;
  const centre = new Float64Array(dim);
  for (const m of members) for (let k = 0; k < dim; k++) centre[k]! += m.count * m.vector[k]!;
  const scores = members.map((m) => {
    let score = 0;
    for (let k = 0; k < dim; k++) score += m.vector[k]! * centre[k]!;
    return score;
  });
  // Scores equal up to rounding are equal: the order the sums were taken in must not decide.
  const top = scores.reduce((a, b) => Math.max(a, b), -Infinity);
  const near = 1e-9 * Math.max(1, Math.abs(top));
  let best = -1;
  members.forEach((m, i) => {
    if (scores[i]! < top - near) return;
    const b = members[best];
    if (!b || m.count > b.count || (m.count === b.count && m.id < b.id)) best = i;
  });
  return best;
}

/**
 * A family's name: its representative template's constant text, the variables shown as "…"
 * (a run of variables and the punctuation between them is one "…"), shortened. "POST <*> user=<*>"
 * reads "POST … user=…", not "user · post · after" (its most frequent words, which families share).
 */
export function familyLabel(t: { tokens: string; template: string | null }): string {
  const text = displayTemplate(t.template, t.tokens)
    .replace(/<\*>/g, '…')
    .replace(/…(?:[^\p{L}\p{N}\s]*…)+/gu, '…')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= FAMILY_LABEL_CHARS) return text;
  const cut = text.slice(0, FAMILY_LABEL_CHARS - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > FAMILY_LABEL_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
