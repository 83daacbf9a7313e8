import { DEFAULT_MASKS } from '../logs/defaultMasks.js';
import { VALUE_RUN_SOURCE } from '../logs/valueRuns.js';

/**
 * The masks a log store applies itself: those whose patterns mean the same in its regular
 * expressions as in JavaScript, or match less (a word boundary next to a non-ASCII letter
 * that a Unicode-aware engine does not see only leaves more text as it is, which makes
 * shapes finer, never coarser). They come from Genba's own mask list, so the two never
 * drift apart. ClickHouse's RE2 is ASCII-only like JavaScript, so it takes the e-mail mask
 * too; MySQL's engines may read `\w` as any letter, so they take only the masks without it.
 */
export const SHAPE_MASKS = { clickhouse: ['email', 'uuid', 'ipv6', 'hex'], mysql: ['uuid', 'ipv6', 'hex'] } as const;

/** The regular expression of each named mask (case-insensitive ones marked `(?i)`), in Genba's order. */
export function shapePatterns(names: readonly string[]): { name: string; pattern: string }[] {
  return DEFAULT_MASKS.filter((m) => names.includes(m.name)).map((m) => ({
    name: m.name,
    pattern: `${m.pattern.flags.includes('i') ? '(?i)' : ''}${m.pattern.source}`,
  }));
}

/**
 * A ClickHouse string literal. ClickHouse 18 has no server-side query parameters, so every
 * value is written as a literal through this one escaper (backslash and quote escaped);
 * identifiers come from the validated config only.
 */
export function chString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * How a shape treats values. `runs` (what a sync groups by): every run of token characters that holds a digit
 * becomes one 0 (logs/valueRuns.ts: the tokens the miner reads as values), so a size, a duration, a count, an address,
 * a hex id or a UUID is one shape however its digits, letters and length vary; a busy server's lines then group by
 * event, host and minute, not nearly a group per line (bench `clickhouse-dense`:
 * docs/bench/2026-11-26-clickhouse-digit-runs.md; with hex ids, docs/bench/2026-11-28-clickhouse-hex-ids.md). `each`:
 * every digit becomes 0, letters and lengths kept: the finer shapes a drill-down into a template shows.
 */
export type DigitShape = 'runs' | 'each';

/**
 * ClickHouse SQL for a message's shape: the server-safe masks, each replaced by a marker,
 * then the digits (DigitShape). Two messages of one shape differ only in masked values and
 * in digits, never in words, word boundaries or other characters, which is what Genba's
 * tokenizer looks at: they mine to the same template. With `runs` they may differ in a
 * number's length too, which changes a token only where a mask asks for a length (a time's
 * two-digit minutes, an address's octets of at most three digits); values of one field keep
 * their form in practice, and the sync checks two messages of every shape (mixedShapes). A
 * marker is \u0001 and a letter; a \u0001 already in the text is doubled first, so a marker
 * never equals text.
 */
export function shapeSql(message: string, digits: DigitShape = 'runs'): string {
  let sql = `replaceAll(${message}, '\u0001', '\u0001\u0001')`;
  for (const { name, pattern } of shapePatterns(SHAPE_MASKS.clickhouse))
    sql = `replaceRegexpAll(${sql}, ${chString(pattern)}, ${chString(`\u0001${name[0]}`)})`;
  return `replaceRegexpAll(${sql}, ${chString(digits === 'runs' ? VALUE_RUN_SQL : '[0-9]')}, '0')`;
}

/**
 * The same shape computed here, as text: what shapeSql hashes (the same masks, in the same order,
 * mean the same in JavaScript), or with `engine` mysql what mysqlShapeSql hashes. The drill-down
 * sends one message per shape with it; compaction folds a day's rows by it (sync/groupShape.ts).
 */
export function shapeText(message: string, digits: DigitShape = 'runs', engine: keyof typeof SHAPE_MASKS = 'clickhouse'): string {
  let text = message.replaceAll('\u0001', '\u0001\u0001');
  for (const { pattern, marker } of TEXT_MASKS[engine]) text = text.replace(pattern, marker);
  return text.replace(digits === 'runs' ? VALUE_RUNS : /[0-9]/g, '0');
}

const VALUE_RUNS = new RegExp(VALUE_RUN_SOURCE, 'g');

/**
 * VALUE_RUN_SOURCE as the SQL engines must read it: case-sensitive (mixedCaseIds tells small letters from capitals),
 * which MySQL and MariaDB are not under a case-insensitive collation unless asked.
 */
const VALUE_RUN_SQL = `(?-i)${VALUE_RUN_SOURCE}`;

/** Each engine's masks as global JavaScript patterns, compiled once: the drill-down and compaction compute a shape per row they read. */
const textMasks = (names: readonly string[]): { pattern: RegExp; marker: string }[] =>
  DEFAULT_MASKS.filter((m) => names.includes(m.name)).map((m) => ({
    pattern: new RegExp(m.pattern.source, m.pattern.flags.includes('g') ? m.pattern.flags : `${m.pattern.flags}g`),
    marker: `\u0001${m.name[0]}`,
  }));
const TEXT_MASKS = { clickhouse: textMasks(SHAPE_MASKS.clickhouse), mysql: textMasks(SHAPE_MASKS.mysql) };

/** The same shape in MySQL / MariaDB (REGEXP_REPLACE), hashed; the patterns go as parameters. */
export function mysqlShapeSql(message: string): { sql: string; params: string[] } {
  let sql = `REPLACE(${message}, CHAR(1), CONCAT(CHAR(1), CHAR(1)))`;
  const params: string[] = [];
  for (const { name, pattern } of shapePatterns(SHAPE_MASKS.mysql)) {
    sql = `REGEXP_REPLACE(${sql}, ?, CONCAT(CHAR(1), ?))`;
    params.push(pattern, name[0]!);
  }
  params.push(VALUE_RUN_SQL);
  return { sql: `MD5(REGEXP_REPLACE(${sql}, ?, '0'))`, params };
}
