import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { BUILD_ID } from '../config/buildId.js';
import { writeTransaction } from './writeTransaction.js';

/** What Genba computes from the store and may give again: the forecast of a day and horizon, a plan problem's solution. */
export type ComputedKind = 'forecast' | 'plan-solution';

/** Results kept per kind, the newest: a day's few plans and forecasts, and the ones before a sync. */
const KEPT = 12;

/**
 * The hash of what a result is made from, with this build: null where the build is not known, and then nothing is kept.
 * `inputs` must hold everything the result depends on (JSON, key order as given).
 */
export function inputsKey(kind: ComputedKind, inputs: unknown): string | null {
  if (BUILD_ID === null) return null;
  return createHash('sha256').update(`${BUILD_ID}\0${kind}\0`).update(JSON.stringify(inputs)).digest('hex');
}

/**
 * The result computed before from the same inputs by the same build, else `compute`'s, kept for the next time. The two
 * are the same value (what is kept is deterministic: a forecast's fit, a solve that stops on counted work, never on
 * time), so giving it again changes no answer, only the time it takes: a plan asked from the chat, the CLI and the Plan
 * view in turn is solved once. A store that cannot be written (read-only, busy) still gets the computed result.
 */
export function reusedOr<T>(db: Database.Database, kind: ComputedKind, inputs: unknown, compute: () => T): T {
  const key = inputsKey(kind, inputs);
  if (key === null) return compute();
  return read<T>(db, kind, key) ?? keep(db, kind, key, compute());
}

/** reusedOr for a result computed asynchronously (a solve in the solver threads). */
export async function reusedOrAsync<T>(db: Database.Database, kind: ComputedKind, inputs: unknown, compute: () => Promise<T>): Promise<T> {
  const key = inputsKey(kind, inputs);
  if (key === null) return compute();
  return read<T>(db, kind, key) ?? keep(db, kind, key, await compute());
}

function read<T>(db: Database.Database, kind: ComputedKind, key: string): T | undefined {
  const row = db.prepare('SELECT result FROM computed_results WHERE kind = ? AND inputs = ?').get(kind, key) as { result: string } | undefined;
  return row === undefined ? undefined : (JSON.parse(row.result) as T);
}

/**
 * Keeps `value` and gives back the copy it kept, the first time too, so that the first answer and every later one are
 * the same value. A value JSON cannot hold exactly (a number that is not finite, an undefined in a list, a Map; an undefined property is left out, as if absent) is not
 * kept, and is given as computed.
 */
function keep<T>(db: Database.Database, kind: ComputedKind, key: string, value: T): T {
  let exact = true;
  const json = JSON.stringify(value, function (this: unknown, _k, v: unknown) {
    if ((typeof v === 'number' && !Number.isFinite(v)) || (v === undefined && Array.isArray(this)) || v instanceof Map || v instanceof Set) exact = false;
    return v;
  });
  if (!exact) return value;
  if (!db.readonly) {
    try {
      writeTransaction(db, () => {
        const seq = (db.prepare('SELECT COALESCE(MAX(made_seq), 0) + 1 AS n FROM computed_results').get() as { n: number }).n;
        db.prepare('INSERT OR REPLACE INTO computed_results (kind, inputs, result, made_seq) VALUES (?, ?, ?, ?)').run(kind, key, json, seq);
        db.prepare('DELETE FROM computed_results WHERE kind = ? AND made_seq <= ?').run(kind, seq - KEPT);
      });
    } catch {
      // A copy to save time, never the record: a store that is busy or cannot be written computes it again next time.
    }
  }
  return JSON.parse(json) as T;
}
