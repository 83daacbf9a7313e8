import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { escapeControls, escapeField } from '../../../main/api/escapeControls.js';
import { detectAnomalies } from '../../../main/logs/logAnomalies.js';
import { mineStoredLogs } from '../../../main/logs/mineStoredLogs.js';
import { migrate } from '../../../main/store/migration.js';

describe('texts a manager reads', () => {
  it('an error burst during the warm-up says there is nothing to compare with yet, never NaN', () => {
    const db = new Database(':memory:');
    migrate(db);
    const now = Date.parse('2025-10-23T06:40:00Z');
    const insert = db.prepare("INSERT INTO app_logs (log_id, ts, service, host, level, message) VALUES (?, ?, 'order-api', 'h', 'ERROR', ?)");
    for (let i = 1; i <= 40; i++) insert.run(i, now - 60_000 * (i % 10) - 1, `payment gateway timeout after ${i} ms`);
    mineStoredLogs(db);
    const report = detectAnomalies(db, now, 'Asia/Tokyo');
    const bursts = report.anomalies.filter((a) => a.kind === 'error_burst');
    expect(bursts.length).toBeGreaterThan(0);
    for (const a of report.anomalies) {
      for (const text of [a.explanation.ja, a.explanation.en]) expect(text).not.toMatch(/NaN|Infinity|\d\.\d{3,}/);
    }
    expect(bursts[0]!.explanation.ja).toContain('比べられる過去の同じ時間帯はまだありません');
    db.close();
  });

  it('terminal output shows control characters as escapes and keeps JSON valid', () => {
    expect(escapeControls('a\u001b[31mred\u0000\tb\nc\r')).toBe('a\\x1b[31mred\\x00\tb\nc\\x0d');
    const json = JSON.stringify({ name: 'x\u0085\u202ey\u001b' });
    expect(JSON.parse(escapeControls(json))).toEqual({ name: 'x\u0085\u202ey\u001b' });
    // eslint-disable-next-line no-control-regex -- no control character may remain
    expect(escapeControls(json)).not.toMatch(/[\u0000-\u001f\u0085\u202e]/);
  });

  it('a field of a listing (template, log line) keeps to its line: its own line feeds and tabs show as \\n and \\t', () => {
    expect(escapeField('payload\n  at Foo.bar\r\n\tkey=\u001b[2J')).toBe('payload\\n  at Foo.bar\\r\\n\\tkey=\\x1b[2J');
  });
});
