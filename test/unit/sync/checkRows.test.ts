import { describe, expect, it } from 'vitest';
import { checkRows } from '../../../main/sync/checkRows.js';
import { localValue } from '../../../main/sync/mysqlValue.js';
import { COLUMN_TYPES } from '../../../main/store/columnTypes.js';
import { DEFAULT_TABLE_SPECS } from '../../../main/sync/tableSpecs.js';

const TZ = 'Asia/Tokyo';
const arrivals = DEFAULT_TABLE_SPECS.find((s) => s.table === 'arrivals')!;
const types = COLUMN_TYPES.arrivals;
/** An arrivals row as mysql2 hands it over, converted as the MySQL source converts it. */
const fromMySql = (raw: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries({
      arrival_id: 1,
      arrival_date: '2025-10-24',
      location_name: '札幌',
      business_id: 'B01',
      process_name: '検証',
      items: 5,
      updated_at: '2025-10-23 10:00:00.000',
      ...raw,
    }).map(([c, v]) => [c, localValue(types[c]!, v, TZ)]),
  );

describe('checkRows: what the sync copies, and what it refuses with the column named', () => {
  it('reads a binary column holding UTF-8 as its text, a number kept as text as the number, a DATETIME as epoch ms', () => {
    const { good, refused } = checkRows(arrivals, [fromMySql({ location_name: Buffer.from('札幌'), items: '12' })]);
    expect(refused).toEqual([]);
    expect(good[0]).toMatchObject({ location_name: '札幌', items: 12, updated_at: Date.parse('2025-10-23T10:00+09:00') });
  });

  it.each([
    [{ location_name: Buffer.from([0xff, 0xfe, 0x80]) }, 'location_name', /bytes that are not UTF-8/],
    [{ location_name: { type: 'Buffer' } }, 'location_name', /not text/],
    [{ items: null }, 'items', /empty \(NULL\)/],
    [{ items: 'many' }, 'items', /not a number/],
    [{ items: -1 }, 'items', /outside 0–/],
    [{ items: 2.5 }, 'items', /not a whole number/],
    [{ items: '99999999999999999999' }, 'items', /99999999999999999999, outside/],
    [{ arrival_date: '0000-00-00' }, 'arrival_date', /not a date/],
    [{ arrival_date: '2025-02-30' }, 'arrival_date', /not a date/],
    [{ updated_at: '0000-00-00 00:00:00' }, 'updated_at', /not a date and time/],
    [{ business_id: 'B'.repeat(11) }, 'business_id', /too long \(11 characters, at most 10\)/],
  ])('refuses %o, naming %s', (raw, column, why) => {
    const { good, refused } = checkRows(arrivals, [fromMySql({ arrival_id: 7, ...raw }), fromMySql({ arrival_id: 8 })]);
    expect(good.map((r) => r.arrival_id)).toEqual([8]);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ key: '7', column });
    expect(refused[0]!.why.en).toMatch(why);
    expect(refused[0]!.why.ja).toContain(column);
  });

  it("keeps a refused row's change time, so that a later change of it is a fix to take", () => {
    const { refused } = checkRows(arrivals, [fromMySql({ items: null })]);
    expect(refused[0]!.version).toBe(Date.parse('2025-10-23T10:00+09:00'));
  });
});
