import { zoneOffsetMs } from './zonedTime.js';

const offsetCache = new Map<string, number>();
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;

/**
 * A MySQL DATETIME string, read as wall-clock time in the company's zone, to epoch ms.
 * Hot path (a million log rows): the zone offset is cached per hour of the day.
 */
export function sqlDatetimeToEpoch(text: string, timeZone: string): number {
  const m = DATETIME.exec(text);
  if (!m) throw new Error(`not a DATETIME: ${text}`);
  const asUtc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, m[7] ? Math.floor(+m[7].padEnd(3, '0').slice(0, 3)) : 0);
  const key = `${timeZone}|${text.slice(0, 13)}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    offset = zoneOffsetMs(asUtc - zoneOffsetMs(asUtc, timeZone), timeZone);
    if (offsetCache.size > 100_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return asUtc - offset;
}

/** Epoch ms to a DATETIME(3) string in the company's zone (for write-back). */
export function epochToSqlDatetime(ms: number, timeZone: string): string {
  const local = new Date(ms + zoneOffsetMs(ms, timeZone));
  return local.toISOString().replace('T', ' ').replace('Z', '');
}
