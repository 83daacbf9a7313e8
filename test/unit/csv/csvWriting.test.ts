import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ApprovalRow } from '../../../main/api/assistantTypes.js';
import { approvalsCsv } from '../../../main/chat/proposalStore.js';
import { csvField, csvText } from '../../../main/csv.js';

const tricky = '札幌 "本店",\r\nエントリ1';

describe('the CSV Genba writes (csv-stringify)', () => {
  it('quotes a field holding a line break, a comma or a quote, and reads back the same', () => {
    const text = csvText([
      ['name', 'n'],
      [tricky, 3],
      ['', null],
    ]);
    expect(text.startsWith('\ufeffname,n\r\n')).toBe(true);
    expect(text).toContain('"札幌 ""本店"",\r\nエントリ1",3\r\n');
    expect(parse(text, { bom: true })).toEqual([
      ['name', 'n'],
      [tricky, '3'],
      ['', ''],
    ]);
    expect(csvField(tricky)).toBe('"札幌 ""本店"",\r\nエントリ1"');
    expect(csvField('plain')).toBe('plain');
  });

  it('escapes a text cell that a spreadsheet would run as a formula, and leaves numbers alone', () => {
    for (const formula of ['=HYPERLINK("http://x")', '+1', '-1+2', '@SUM(A1)', '\tx', '＝1']) expect(csvField(formula)).toMatch(/^"?'/);
    expect(csvField(-3)).toBe('-3');
    expect(parse(csvText([['=1+1', 'a']]), { bom: true })).toEqual([["'=1+1", 'a']]);
  });

  it('writes the approval history with a reason of several lines, a comma and quotes, which a CSV reader reads back', () => {
    const row = {
      suggestionId: 'SGT20250602-ABCD1234',
      site: '札幌',
      process: 'エントリ1',
      action: 'rejected',
      reason: tricky,
      user: '=cmd',
      decidedAt: Date.UTC(2025, 5, 2, 6),
      moves: 0,
      operators: [],
      impact: null,
      delivery: 'pending',
      deliveredAt: null,
      lastError: null,
      companyPlan: null,
      plan: null,
      outcome: null,
    } as unknown as ApprovalRow;
    const rows = parse(approvalsCsv([row]), { bom: true }) as string[][];
    expect(rows).toHaveLength(2);
    expect(rows[0]![0]).toBe('suggestion_id');
    expect(rows[1]!.slice(0, 7)).toEqual(['SGT20250602-ABCD1234', '札幌', 'エントリ1', 'rejected', tricky, "'=cmd", '2025-06-02T06:00:00.000Z']);
    expect(rows[1]).toHaveLength(rows[0]!.length);
  });
});
