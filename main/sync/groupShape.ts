import type { GenbaConfig } from '../config/config.js';
import { shapeText } from './logShapeSql.js';

/**
 * The shape the configured log source groups lines by, computed here: ClickHouse's (the drill-down sends the same
 * shapes back to it), or MySQL's with `aggregate` (its masks: logShapeSql.ts SHAPE_MASKS). What compaction folds a
 * day's rows by, and a first sync the days it inserts folded. Null where the logs are rows of their own (row-level
 * company logs, the demo, log files: synced by id, compacted by id, never folded).
 */
export function groupShapeOf(logs: GenbaConfig['logs'], source: GenbaConfig['source']): ((message: string) => string) | null {
  if (logs.kind === 'clickhouse') return (message) => shapeText(message);
  // The same rule as createSources.ts: only a MySQL company database groups its own logs.
  if (logs.kind === 'companyDatabase' && logs.aggregate && source.kind === 'mysql') return (message) => shapeText(message, 'runs', 'mysql');
  return null;
}
