/**
 * One row of a source that aggregates logs in its own engine: the lines of one minute,
 * service, host and level whose messages share a shape (the same text once Genba's
 * masks and digit-for-digit zeroing are applied), with their count and two of them.
 */
export interface LogGroup {
  /** Start of the minute, epoch ms. */
  minute: number;
  service: string;
  host: string;
  level: string;
  /** Opaque id of the message shape (a hash computed by the source). */
  shape: string;
  lines: number;
  /** First and last line's time, epoch ms. */
  first: number;
  last: number;
  /** One message of the group, and the greatest: if they mine differently, the shape was too coarse. */
  sample: string;
  other: string;
  traceId: string | null;
}

/** A log store that aggregates server-side (ClickHouse; MySQL's GROUP BY could be another). */
export interface LogGroupSource {
  /** Identifies the logs (no secrets): a change means a fresh local copy. */
  readonly id: string;
  /** First and last line time under the filters (epoch ms), and how many lines: cheap, for planning and progress. */
  span(): Promise<{ first: number | null; last: number | null; lines: number }>;
  /** The groups of [from, to), both minute-aligned, in minute order. */
  groups(from: number, to: number): Promise<LogGroup[]>;
  /** Bytes received from the server so far (the cost on the network). */
  bytesReceived(): number;
  close(): Promise<void>;
}
