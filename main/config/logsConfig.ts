import { z } from 'zod';
import { identifier } from './sqlIdentifier.js';

/** The trace id column a ClickHouse table is read with unless the config names another. */
export const DEFAULT_TRACE_COLUMN = 'trace_id';

/** How long the laptop keeps logs, whatever their source (compaction after each sync). */
const logRetention = {
  /** Raw log rows: older ones are removed (their templates and per-minute counts stay). */
  keepRawDays: z.number().int().min(1).max(3650).default(7),
  /**
   * Rows of a source that groups its logs (ClickHouse, MySQL with `aggregate`), kept one per minute for today and this
   * many days before it; older ones are folded to one per hour (store/foldLogRows.ts). 1: yesterday stays per minute,
   * so a sync's look-back and its six-hour search for late lines never reach a folded hour, however close to midnight it
   * runs, and the Logs view's last 24 hours and every anomaly window of today are read per minute. Row-level logs are
   * never folded.
   */
  keepMinuteDays: z.number().int().min(1).max(3650).default(1),
  /** Per-minute counts per template: older ones are removed. */
  keepAggregateDays: z.number().int().min(1).max(3650).default(90),
};

const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;

/**
 * What a manager needs of the company's logs, applied in the log store's own query: only
 * these services, levels and hosts (`*` any characters), and only the hosts of these sites
 * plus the shared ones that belong to no site. Empty means all.
 */
const logFiltersSchema = z
  .object({
    services: z.array(z.string().min(1).max(64)).max(100).default([]),
    levels: z.array(z.enum(LOG_LEVELS)).max(4).default([]),
    hosts: z
      .array(
        z
          .string()
          .min(1)
          .max(128)
          .regex(/^[A-Za-z0-9.*_-]+$/, 'not a host pattern'),
      )
      .max(100)
      .default([]),
    sites: z.array(z.string().min(1).max(64)).max(100).default([]),
  })
  .strict();
export type LogFilters = z.infer<typeof logFiltersSchema>;

/**
 * The company's ClickHouse, where the logs stay: Genba pulls per-minute counts of each
 * message shape, computed there. The password is never here (GENBA_CLICKHOUSE_PASSWORD or
 * the OS secret store).
 */
export const clickhouseLogsSchema = z
  .object({
    kind: z.literal('clickhouse'),
    ...logRetention,
    url: z
      .string()
      .max(512)
      .regex(/^https?:\/\/[A-Za-z0-9.:_[\]-]+(?::\d{1,5})?\/?$/, 'not an http(s)://host:port URL'),
    database: identifier,
    table: identifier,
    user: z.string().min(1).max(80).default('default'),
    /** The table's column for each field Genba reads. */
    columns: z
      .object({
        ts: identifier.default('ts'),
        service: identifier.default('service'),
        host: identifier.default('host'),
        level: identifier.default('level'),
        message: identifier.default('message'),
        /**
         * Optional under its default name: a table without a trace_id column is read without
         * trace ids. A name given here must exist (a misspelled one would drop them in silence);
         * null ignores it.
         */
        trace_id: identifier.nullable().default(DEFAULT_TRACE_COLUMN),
      })
      .strict()
      .default({ ts: 'ts', service: 'service', host: 'host', level: 'level', message: 'message', trace_id: DEFAULT_TRACE_COLUMN }),
    filters: logFiltersSchema.default({ services: [], levels: [], hosts: [], sites: [] }),
    requestTimeoutMs: z.number().int().min(1000).max(600_000).default(120_000),
  })
  .strict();
export type ClickHouseLogsConfig = z.infer<typeof clickhouseLogsSchema>;

/**
 * Application logs: from the app_logs table of the company database the rest of the data
 * comes from (`companyDatabase`: the company MySQL, or the demo company), the company's
 * ClickHouse, or log files on this machine. Older config.json files say `source` for
 * `companyDatabase` (config.ts reads it so).
 */
export const logsSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('companyDatabase'),
      ...logRetention,
      /**
       * Let the company MySQL group its app_logs per minute and message shape (GROUP BY)
       * and send the groups, instead of every line: the laptop's work grows with the
       * variety of the logs, not their volume. For a MySQL source; the demo ignores it.
       */
      aggregate: z.boolean().optional(),
    })
    .strict(),
  clickhouseLogsSchema,
  z
    .object({
      kind: z.literal('files'),
      ...logRetention,
      paths: z.array(z.string().min(1).max(1024)).min(1).max(50),
      /** Service name for plain-text lines (JSON lines may carry their own). */
      service: z.string().min(1).max(64).default('app'),
    })
    .strict(),
]);
