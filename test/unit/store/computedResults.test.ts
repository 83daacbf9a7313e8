import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILD_ID } from '../../../main/config/buildId.js';
import { inputsKey, reusedOr } from '../../../main/store/computedResults.js';
import { migrate } from '../../../main/store/migration.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function store(): { db: Database.Database; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'genba-kept-'));
  dirs.push(dir);
  const path = join(dir, 'genba.sqlite');
  const db = new Database(path);
  migrate(db);
  return { db, path };
}

/** A computation that counts its runs. */
function counted<T>(value: () => T): { compute: () => T; runs: () => number } {
  let n = 0;
  return {
    compute: () => {
      n++;
      return value();
    },
    runs: () => n,
  };
}

describe('results kept to give again', () => {
  it('the test run knows its build (vitest.config.ts), as the bundles do', () => {
    expect(BUILD_ID).toMatch(/^[0-9a-f]{16}$/);
    expect(inputsKey('forecast', { a: 1 })).not.toBe(inputsKey('plan-solution', { a: 1 }));
  });

  it('computes once per inputs, in this process and in the next, and again when an input changes', () => {
    const { db, path } = store();
    const c = counted(() => ({ items: [1, 2.5, null], nested: { site: '札幌' } }));
    const first = reusedOr(db, 'forecast', { day: '2025-10-24' }, c.compute);
    expect(reusedOr(db, 'forecast', { day: '2025-10-24' }, c.compute)).toEqual(first);
    db.close();
    const next = new Database(path);
    expect(reusedOr(next, 'forecast', { day: '2025-10-24' }, c.compute)).toEqual(first);
    expect(c.runs()).toBe(1);
    reusedOr(next, 'forecast', { day: '2025-10-27' }, c.compute);
    expect(c.runs()).toBe(2);
    next.close();
  });

  it('gives the first caller the very copy it keeps, so the first answer and the later ones are one value', () => {
    const { db } = store();
    const first = reusedOr(db, 'forecast', 'x', () => ({ kept: 1, dropped: undefined }));
    expect(first).toStrictEqual({ kept: 1 });
    expect(reusedOr(db, 'forecast', 'x', () => ({ kept: 2 }))).toStrictEqual(first);
  });

  it('keeps nothing JSON cannot hold exactly, nor in a read-only store, and still gives the computed value', () => {
    const { db, path } = store();
    const odd = counted(() => ({ gap: Number.POSITIVE_INFINITY }));
    expect(reusedOr(db, 'plan-solution', 'inf', odd.compute).gap).toBe(Number.POSITIVE_INFINITY);
    reusedOr(db, 'plan-solution', 'inf', odd.compute);
    expect(odd.runs()).toBe(2);
    db.close();
    const readOnly = new Database(path, { readonly: true });
    const c = counted(() => [1]);
    expect(reusedOr(readOnly, 'forecast', 'ro', c.compute)).toEqual([1]);
    reusedOr(readOnly, 'forecast', 'ro', c.compute);
    expect(c.runs()).toBe(2);
    readOnly.close();
  });

  it('keeps the newest twelve of a kind, by the order they were made, not by any clock', () => {
    const { db } = store();
    for (let i = 0; i < 20; i++) reusedOr(db, 'forecast', i, () => i);
    reusedOr(db, 'plan-solution', 'p', () => 'p');
    const rows = db.prepare('SELECT kind, result FROM computed_results ORDER BY made_seq').all() as { kind: string; result: string }[];
    expect(rows.filter((r) => r.kind === 'forecast').map((r) => Number(r.result))).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(rows.filter((r) => r.kind === 'plan-solution')).toHaveLength(1);
  });
});
