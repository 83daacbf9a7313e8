import { describe, expect, it } from 'vitest';
import { maskWithValues } from '../../../main/logs/maskTokens.js';
import { parseMessages } from '../../../main/logs/parseLogFile.js';
import { DEFAULT_MINER, type MinerRule } from '../../../main/logs/templateMiner.js';

/** How many groups parseMessages makes of `lines`, and which lines share one (by index). */
function groups(lines: string[], off: MinerRule[] = []): number[][] {
  const ids = [...parseMessages(() => lines, { ...DEFAULT_MINER, off }).ids];
  const by = new Map<number, number[]>();
  ids.forEach((id, i) => by.set(id, [...(by.get(id) ?? []), i]));
  return [...by.values()];
}

/** Each line of `shapes` `times` times, with its `#` replaced by a counter so values vary. */
const repeat = (shapes: string[], times: number): string[] =>
  Array.from({ length: times }, (_, k) => shapes.map((s) => s.replaceAll('#', String(k + 1)))).flat();

/**
 * Issue 42's rule, on messages written from how log formats work, not from any system's lines:
 * a value that takes a varying number of tokens is one value (valueSpans).
 */
describe('length-insensitive templates (valueSpans)', () => {
  it('a size with an optional second unit, an address list, a duration: one event each, however many tokens the value takes', () => {
    const lines = repeat(
      [
        'Sent # bytes to client web-#',
        'Sent 10#4 bytes (1.# KB) to client web-#',
        'Member list 10.0.0.# accepted by coordinator',
        'Member list 10.0.0.#,10.0.1.# accepted by coordinator',
        'Member list 10.0.0.#, 10.0.1.#, 10.0.2.# accepted by coordinator',
        'Backup job # finished, took <1 sec',
        'Backup job # finished, took # min # sec',
      ],
      6,
    );
    expect(lines.every((l) => maskWithValues(l).tokens.length > 0)).toBe(true);
    const g = groups(lines);
    expect(g).toHaveLength(3);
    for (const x of g) expect(new Set(x.map((i) => lines[i]!.split(' ')[0])).size).toBe(1);
    // Switched off, the token count still splits them.
    expect(groups(lines, ['valueSpans']).length).toBeGreaterThan(3);
  });

  it('keeps apart a phrase of words, and a placeholder that says a value is missing', () => {
    const lines = repeat(['Deleted # files from cache', 'Deleted # files from cache in # ms', 'Fan speeds ( # # # )', 'Fan speeds ( # **** # # )'], 6);
    expect(groups(lines)).toHaveLength(4);
  });
});
