import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const APP = readFileSync(join(import.meta.dirname, '../../../main/app.ts'), 'utf8');

/**
 * The composition root only builds services and says how they connect: a behaviour (an event
 * rule, an operation with its own text) belongs to the service that owns it, where it can be
 * found and tested. These are the signs that one has crept back in.
 */
function rootProblems(code: string): string[] {
  const lines = code.split('\n').length;
  return [
    ...(lines >= 200 ? [`${lines} lines (under 200)`] : []),
    ...[...code.matchAll(/\bevents\.on\(/g)].map(() => 'an event rule (events.on)'),
    ...[...code.matchAll(/\bja:\s*['`]|[\u3040-\u30ff\u4e00-\u9faf]/g)].map((m) => `user text: ${m[0]}`),
    ...[...code.matchAll(/new GenbaError\(/g)].map(() => 'an error of its own'),
  ];
}

describe('the composition root (main/app.ts)', () => {
  it('finds an event rule, user text and an error of its own', () => {
    const planted = "events.on((e) => x());\nthrow new GenbaError('X', { ja: 'アプリ', en: 'app' });";
    expect(rootProblems(planted)).toEqual([
      'an event rule (events.on)',
      "user text: ja: '",
      ...Array(3).fill(expect.stringMatching(/^user text/)),
      'an error of its own',
    ]);
  });

  it('only wires: under 200 lines, no event rule, no user text', () => {
    expect(rootProblems(APP)).toEqual([]);
  });
});
