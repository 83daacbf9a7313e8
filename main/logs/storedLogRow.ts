/** A stored log row as mining and refinement read it. */
export interface StoredLogRow {
  log_id: number;
  ts: number;
  level: string;
  message: string;
  /** How many source lines the row stands for (1 but from an aggregating source). */
  lines: number;
}
