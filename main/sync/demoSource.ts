import type { CompanyTable } from '../store/companyRows.js';
import { generateDemoCompany } from './demo/generateDemoCompany.js';
import { planDateOf } from '../plan/planStore.js';
import type { DecisionRecord, DeliveryOutcome } from '../store/decisionRecord.js';
import type { Batch, LocalRow, SyncSource, Watermark } from './syncSource.js';
import { primaryKey, type TableSpec } from './tableSpecs.js';

export const demoSourceId = (seed: number): string => `demo:${seed}`;

/**
 * The embedded demo company as a source: generated once per instance, served in key
 * order like any other source so the same sync engine loads it.
 */
export function createDemoSource(seed: number, tables: readonly CompanyTable[]): SyncSource & { delivered: DecisionRecord[] } {
  let company: ReturnType<typeof generateDemoCompany> | null = null;
  const made = new Map<CompanyTable, LocalRow[]>();
  /** A table's rows, made at its first use: a first screen that pulls the floor's tables does not generate the month of log lines. */
  const rowsOf = (table: CompanyTable): LocalRow[] => {
    const have = made.get(table);
    if (have) return have;
    const c = (company ??= generateDemoCompany(seed));
    let logId = 0;
    const rows: LocalRow[] = {
      locations: () => c.locations as unknown as LocalRow[],
      operators: () => c.operators as unknown as LocalRow[],
      operator_process_capabilities: () => c.capabilities as unknown as LocalRow[],
      progress_snapshots: () => c.snapshots as unknown as LocalRow[],
      app_logs: () => [...c.logDays()].flatMap((day) => day.map((r) => ({ ...r, log_id: ++logId }))),
      attendance_records: () => c.attendance as unknown as LocalRow[],
      daily_assignments: () => c.dailyAssignments as unknown as LocalRow[],
      arrivals: () => c.arrivals as unknown as LocalRow[],
      // The demo company makes no forecast of its own: Genba's is the only one.
      workload_forecasts: (): LocalRow[] => [],
    }[table]();
    made.set(table, rows);
    return rows;
  };
  /** Rows are in ascending key order: binary search for the first after the watermark. */
  const firstAfter = (rows: LocalRow[], key: string, after: number): number => {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((rows[mid]![key] as number) <= after) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const delivered: DecisionRecord[] = [];
  return {
    id: demoSourceId(seed),
    tables,
    delivered,
    checkColumns: async () => {},
    async estimate(spec: TableSpec, after: Watermark | null) {
      const rows = rowsOf(spec.table);
      return rows.length - (after === null ? 0 : firstAfter(rows, primaryKey(spec.table), after as number));
    },
    async fetch(spec: TableSpec, after: Watermark | null, limit: number): Promise<Batch> {
      const key = primaryKey(spec.table);
      const rows = rowsOf(spec.table);
      const from = after === null ? 0 : firstAfter(rows, key, after as number);
      const slice = rows.slice(from, from + limit);
      return { rows: slice, next: slice.length > 0 ? slice[slice.length - 1]![key] : after };
    },
    async keys(spec: TableSpec) {
      const key = primaryKey(spec.table);
      return rowsOf(spec.table).map((r) => ({ key: r[key] as number, version: typeof r.updated_at === 'number' ? r.updated_at : null }));
    },
    // The demo company has no database to write to: decisions are kept, as delivered to it.
    async deliver(decision: DecisionRecord): Promise<DeliveryOutcome> {
      const existed = delivered.some((d) => d.suggestion_id === decision.suggestion_id);
      if (!existed) delivered.push(decision);
      if (!decision.assignments) return { result: existed ? 'existed' : 'inserted', plan: null };
      // As a company database does: the day's plan is the approved plan received last.
      const date = planDateOf(decision.suggestion_id);
      const ofDay = delivered.filter((d) => d.assignments && d.action_type !== 'rejected' && planDateOf(d.suggestion_id) === date).map((d) => d.suggestion_id);
      const last = ofDay[ofDay.length - 1] ?? null;
      const kept = last === decision.suggestion_id;
      return {
        result: existed ? 'existed' : 'inserted',
        plan: { kept, replaced: kept && !existed && ofDay.length > 1 ? [ofDay[ofDay.length - 2]!] : [], keptPlan: last },
      };
    },
    close: async () => {},
  };
}
