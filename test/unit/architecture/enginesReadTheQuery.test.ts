import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ENGINES = 'main/chat/engines';

/**
 * Issue 60: what a question asks is read once, into the typed query; an engine answers the query. The context gives an
 * engine the question's words only as `searchText`, and only these engines may use them, to search free text that no
 * field of a query can hold.
 */
const SEARCHES: Record<string, string> = {
  'knowhowEngine.ts': "the company's rules, searched and matched by the practice the question describes",
  'logsEngine.ts': 'the log lines nearest to the question',
};

/** Modules that read a question's words: the reading's own, never an engine's. */
const READERS =
  /from '\.\.\/(?:query\/(?:parseQuery|planConditionsOf|asksWords|timeOf|fieldWords|measureWords|historyWords)|masterNames|followUpQuery|readQuestion)\.js'/;

describe('engines answer the query, not the words', () => {
  const files = readdirSync(ENGINES).filter((f) => f.endsWith('.ts'));

  it('only the engines that search free text use the question’s words, and only to search', () => {
    expect(files.length).toBeGreaterThan(10);
    const using = files.filter((f) => /\bsearchText\b/.test(readFileSync(join(ENGINES, f), 'utf8'))).filter((f) => f !== 'askContext.ts');
    expect(using.sort()).toEqual(Object.keys(SEARCHES).sort());
  });

  it('no engine imports a reader of the words', () => {
    for (const f of files) expect(readFileSync(join(ENGINES, f), 'utf8'), f).not.toMatch(READERS);
  });

  it('the check sees an engine that reads the words', () => {
    expect("import { planConditionsOf } from '../query/planConditionsOf.js';").toMatch(READERS);
    expect("import { readMove } from '../masterNames.js';").toMatch(READERS);
  });
});
