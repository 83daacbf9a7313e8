import { sqlDatetimeToEpoch } from '../config/sqlDatetime.js';
import type { ColumnType } from '../store/columnTypes.js';
import { isCalendarDay } from '../store/columnProblem.js';

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?$/;
const NUMBER = /^-?\d+(?:\.\d+)?$/;
/** Refuses what is not UTF-8 rather than replacing it: a site's name with U+FFFD in it would be another site. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text a binary column (VARBINARY, BLOB, a CAST AS BINARY) holds, or null when its bytes are not UTF-8. */
function utf8(bytes: Buffer): string | null {
  try {
    return UTF8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * A DATETIME as epoch ms, or null when it names no instant: a zero date ('0000-00-00 00:00:00',
 * which MariaDB keeps under a relaxed sql_mode), a 31 February, a year before 1000.
 */
function datetimeEpoch(text: string, timeZone: string): number | null {
  const m = DATETIME.exec(text);
  if (!m || +m[1]! < 1000 || !isCalendarDay(+m[1]!, +m[2]!, +m[3]!) || +m[4]! > 23 || +m[5]! > 59 || +m[6]! > 59) return null;
  return sqlDatetimeToEpoch(text, timeZone);
}

/**
 * One value of a company row as mysql2 returns it, in the local column's terms where it can be:
 * the text of a binary column (mysql2 returns its bytes, a Buffer: a VARBINARY site name is
 * still the site's name), a DATETIME as epoch ms, a number the company keeps as text as a
 * number. A value that cannot
 * be is returned as it came, for the sync to refuse the row with the column named
 * (checkRows.ts); nothing here throws, so one bad value never stops the pull.
 */
export function localValue(type: ColumnType, v: unknown, timeZone: string): unknown {
  if (v === null || v === undefined) return null;
  if (Buffer.isBuffer(v)) {
    const text = utf8(v);
    if (text === null) return v;
    v = text;
  }
  switch (type.kind) {
    case 'time':
      return typeof v === 'string' ? (datetimeEpoch(v, timeZone) ?? v) : v;
    case 'integer':
    case 'real': {
      if (typeof v !== 'string' || !NUMBER.test(v)) return v;
      // A BIGINT beyond 2^53 (mysql2 gives it as text) stays text: as a number it would be another number, and the reason would quote that one.
      const n = Number(v);
      return Number.isSafeInteger(n) || !Number.isInteger(n) ? n : v;
    }
    default:
      return v;
  }
}
