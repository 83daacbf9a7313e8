import { describe, expect, it } from 'vitest';
import { parseMessages } from '../../../main/logs/parseLogFile.js';
import { areStateWords } from '../../../main/logs/stateWords.js';
import { DEFAULT_MINER, type MinerRule } from '../../../main/logs/templateMiner.js';

/** The groups parseMessages makes of `lines`, as the first line's text of each, sorted. */
function groups(lines: string[], off: MinerRule[] = []): string[][] {
  const ids = [...parseMessages(() => lines, { ...DEFAULT_MINER, off }).ids];
  const by = new Map<number, Set<string>>();
  ids.forEach((id, i) => by.set(id, (by.get(id) ?? new Set()).add(lines[i]!.replace(/\d+/g, '#'))));
  return [...by.values()].map((s) => [...s].sort());
}

/** `word` in `shape` (at `@`), `times` lines each, numbers varying. */
const lines = (shape: string, words: string[], times: (w: string) => number = () => 6): string[] =>
  words.flatMap((w) => Array.from({ length: times(w) }, (_, k) => shape.replace('@', w).replaceAll('#', String(100 + k * 7))));

/**
 * Issue 42's rule, on messages written from how log formats work, not from any system's lines: a
 * position whose few words say what happened holds the event (stateWords); names stay a variable.
 */
describe('state words stay constants (stateWords)', () => {
  it('splits a VM lifecycle into its events, a rare state included', () => {
    const states = ['Started', 'Stopped', 'Paused', 'Resumed', 'Crashed'];
    const l = lines('[instance: vm-#] VM @ (Lifecycle Event)', states, (w) => (w === 'Crashed' ? 2 : 8));
    expect(groups(l)).toHaveLength(5);
    // Switched off, more than maxWordConstants words are a variable: one template.
    expect(groups(l, ['stateWords'])).toHaveLength(1);
  });

  it('splits states written in capitals after a key, when one is a verb form', () => {
    const l = lines('node n# state changed to @ (load #)', ['IDLE', 'ALLOCATED', 'DRAINING', 'DOWN'], () => 7);
    expect(groups(l)).toHaveLength(4);
  });

  it('keeps names as a variable: databases, HTTP methods, currencies, quoted literals', () => {
    expect(groups(lines('connection authorized: user=app database = @ host = #', ['memberdb', 'claimsdb', 'reportdb', 'auditdb']))).toHaveLength(1);
    expect(groups(lines('request # " @ /api/v# " status #', ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']))).toHaveLength(1);
    expect(groups(lines('payment # settled in @ amount #', ['USD', 'EUR', 'JPY', 'GBP', 'AUD']))).toHaveLength(1);
    // A quoted word is a literal value, even one that reads as a state.
    expect(groups(lines("UPDATE claims SET status = ' @ ' WHERE id = #", ['APPROVED', 'REJECTED', 'PAID', 'REVIEW']))).toHaveLength(1);
  });

  it('reads the rule from its parts', () => {
    const w = (words: string[], each = 5): Record<string, number> => Object.fromEntries(words.map((x) => [x, each]));
    expect(areStateWords(w(['OPEN', 'CLOSED', 'HALF_OPEN', 'FORCED_OPEN']), '=', 'failures')).toBe(true);
    expect(areStateWords(w(['OPEN', 'CLOSED', 'HALF_OPEN', 'FORCED_OPEN']), "'", "'")).toBe(false);
    expect(areStateWords(w(['alpha', 'beta', 'gamma', 'delta']), 'to', undefined)).toBe(false);
    // Too few lines for four words: a position seen once or twice a word.
    expect(areStateWords(w(['Started', 'Stopped', 'Paused', 'Resumed'], 2), 'VM', '(')).toBe(false);
    // More words than a handful of states: a vocabulary.
    expect(areStateWords(w(['Started', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']), 'x', 'y')).toBe(false);
  });
});
