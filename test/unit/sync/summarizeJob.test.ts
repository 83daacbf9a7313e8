import { describe, expect, it } from 'vitest';
import { summarizeJob } from '../../../main/sync/dataSourceService.js';
import type { LogGroupReport } from '../../../main/sync/logGroupSync.js';

const groupReport = (late: LogGroupReport['late']): LogGroupReport => ({
  sourceId: 'clickhouse:x',
  tables: [{ table: 'app_logs', read: 3, rows: 3, deleted: 0, reset: false, ms: 5 }],
  rows: 3,
  ms: 5,
  lines: 300,
  groups: 3,
  shapes: 2,
  mixedShapes: 0,
  bytes: 100,
  late,
});

describe('the sync summary a manager reads', () => {
  it('carries the late lines a log-group sync counted, and nothing when there were none', () => {
    const late = summarizeJob({ reports: [groupReport({ lines: 120, from: 1_761_199_200_000 })], delivery: null, mining: null });
    expect(late.lateLogLines).toEqual({ lines: 120, from: 1_761_199_200_000 });
    expect(late.rows).toBe(3);
    expect(summarizeJob({ reports: [groupReport({ lines: 0, from: null })], delivery: null, mining: null }).lateLogLines).toBeNull();
  });
});
