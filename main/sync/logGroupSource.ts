import type { LogTemplateDrill } from '../api/types.js';

/**
 * One row of a source that aggregates logs in its own engine: the lines of one minute,
 * service, host and level whose messages share a shape (the same text once Genba's
 * masks are applied and each run of digits is read as one 0: logShapeSql.ts), with their count.
 */
export interface LogGroup {
  /** Start of the minute, epoch ms. */
  minute: number;
  service: string;
  /** '' when the groups were asked for without hosts. */
  host: string;
  level: string;
  /** Opaque id of the message shape (a hash computed by the source). */
  shape: string;
  lines: number;
  /** First and last line's time, epoch ms. */
  first: number;
  last: number;
  /** One message of the group, when asked for with details. */
  sample: string | null;
  traceId: string | null;
}

/** Per shape of a span: one of its messages, and the greatest (if they mine differently, the shape was too coarse). */
export type ShapeSamples = Map<string, { sample: string; other: string }>;

/** Where a drill-down looks: [from, to), narrowed like the Logs view; the shapes from `shapesFrom` on, the newest lines from `newestFrom` on. */
export interface DrillWindow {
  from: number;
  to: number;
  shapesFrom: number;
  newestFrom: number;
  service?: string | undefined;
  host?: string | undefined;
  level?: string | undefined;
}

/** A log store that aggregates server-side (ClickHouse; MySQL's GROUP BY could be another). */
export interface LogGroupSource {
  /** Identifies the logs (no secrets): a change means a fresh local copy. */
  readonly id: string;
  /** First and last line time under the filters (epoch ms), and how many lines: cheap, for planning and progress. */
  span(): Promise<{ first: number | null; last: number | null; lines: number }>;
  /** The shapes of [from, to) with two messages each. */
  shapes(from: number, to: number): Promise<ShapeSamples>;
  /**
   * The groups of [from, to), both minute-aligned, in minute order. With `detailed`, per
   * host and with a sample message and trace id each (the rows a laptop keeps); without,
   * per service and level only (for the per-minute counts of older days).
   */
  groups(from: number, to: number, detailed: boolean): Promise<LogGroup[]>;
  /** Lines per minute (start, epoch ms) of [from, to), both minute-aligned; minutes without lines are absent. Reads only the time column. */
  lineCounts(from: number, to: number): Promise<Map<number, number>>;
  /**
   * The lines of [from, to) whose shape is that of one of `messages` (a template's messages
   * the laptop kept): their finer shapes and newest lines, fetched when a manager opens the
   * template. The newest lines are looked for from `newestFrom` on (where the laptop's counts
   * say they are), so that only the shapes read the whole window. Absent where the store cannot
   * answer it (MySQL-grouped logs).
   */
  drill?(messages: string[], window: DrillWindow, limits: { shapes: number; lines: number }): Promise<Omit<LogTemplateDrill, 'partial'>>;
  /** Bytes received from the server so far (the cost on the network). */
  bytesReceived(): number;
  close(): Promise<void>;
}
