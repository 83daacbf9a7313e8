import { rowProblem, shown } from '../store/columnProblem.js';
import type { RefusedRow } from '../store/refusedRows.js';
import type { LocalRow } from './syncSource.js';
import { primaryKey, type TableSpec } from './tableSpecs.js';

/**
 * Splits a batch into the rows the store can hold and the ones it refuses, each named by its
 * key and its first bad column. One bad row must not stop the table's pull, nor the tables
 * after it: it is skipped and reported, and the rest is copied.
 */
export function checkRows(spec: TableSpec, rows: readonly LocalRow[]): { good: LocalRow[]; refused: RefusedRow[] } {
  const key = primaryKey(spec.table);
  const change = spec.watermark[0]!;
  const versioned = spec.times.includes(change);
  const good: LocalRow[] = [];
  const refused: RefusedRow[] = [];
  for (const row of rows) {
    const p = rowProblem(spec.table, row);
    if (p === null) {
      good.push(row);
      continue;
    }
    const version = versioned && typeof row[change] === 'number' ? row[change] : null;
    const k = row[key];
    refused.push({ key: typeof k === 'string' || typeof k === 'number' ? String(k).slice(0, 64) : shown(k), ...p, version });
  }
  return { good, refused };
}
