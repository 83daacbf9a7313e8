import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppLogRow } from '../../../main/store/companyRows.js';
import { DEMO_ANCHOR_MS, DEMO_DEFINITION } from '../../../main/sync/demo/demoDefinition.js';
import { generateDemoCompany, type DemoCompany } from '../../../main/sync/demo/generateDemoCompany.js';

const MINUTE = 60_000;
const JST = 9 * 60 * MINUTE;
const SEED = 20251023;
type Log = Omit<AppLogRow, 'log_id'>;

function digest(company: DemoCompany, logs: Log[]): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([company.operators, company.capabilities, company.snapshots]));
  for (const l of logs) h.update(`${l.ts}|${l.service}|${l.host}|${l.level}|${l.message}|${l.trace_id}\n`);
  return h.digest('hex');
}

describe('demo company', () => {
  let company: DemoCompany;
  let logs: Log[];

  beforeAll(() => {
    company = generateDemoCompany(SEED);
    logs = [...company.logDays()].flat();
  });

  it('is deterministic for a seed and differs for another seed', () => {
    const again = generateDemoCompany(SEED);
    expect(digest(again, [...again.logDays()].flat())).toBe(digest(company, logs));
    const other = generateDemoCompany(SEED + 1);
    expect(digest(other, [...other.logDays()].flat())).not.toBe(digest(company, logs));
  });

  it('has the six sites, the four processes, three businesses and a few hundred operators with skills', () => {
    expect(company.locations.map((l) => l.location_name)).toEqual(['札幌', '盛岡', '品川', '横浜', '大阪', '佐世保']);
    expect(new Set(company.capabilities.map((c) => c.process_name))).toEqual(new Set(['エントリ1', 'エントリ2', '補正', '検証']));
    expect(new Set(company.snapshots.map((s) => s.business_id))).toEqual(new Set(['523201', '611040', '704518']));
    expect(company.operators.length).toBeGreaterThanOrEqual(200);
    expect(company.operators.length).toBeLessThanOrEqual(500);
    for (const site of DEMO_DEFINITION.sites) {
      expect(company.operators.filter((o) => o.location_name === site.name).length).toBe(site.operators);
    }
    const levels = new Set(company.capabilities.map((c) => c.skill_level));
    expect([...levels].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(company.capabilities.every((c) => c.average_speed > 5 && c.average_speed < 80 && c.experience_months >= 1)).toBe(true);
    expect(company.operators.some((o) => o.is_valid === 0)).toBe(true);
  });

  it('has snapshots every 10 minutes in working hours over the 30 days before the anchor', () => {
    const times = [...new Set(company.snapshots.map((s) => s.snapshot_time))].sort((a, b) => a - b);
    expect(times[times.length - 1]).toBe(DEMO_ANCHOR_MS);
    expect(DEMO_ANCHOR_MS - times[0]!).toBeGreaterThan(28 * 24 * 60 * MINUTE);
    expect(DEMO_ANCHOR_MS - times[0]!).toBeLessThan(30 * 24 * 60 * MINUTE);
    for (const t of times) {
      const minuteOfDay = ((t + JST) % (24 * 60 * MINUTE)) / MINUTE;
      expect(minuteOfDay % 10).toBe(0);
      expect(minuteOfDay).toBeGreaterThanOrEqual(9 * 60);
      expect(minuteOfDay).toBeLessThanOrEqual(18 * 60);
      const weekday = new Date(t + JST).getUTCDay();
      expect(weekday).not.toBe(0);
      expect(weekday).not.toBe(6);
    }
    // Remaining items only go down within a day, and completed ones only up.
    const series = company.snapshots.filter((s) => s.location_name === '大阪' && s.business_id === '611040' && s.process_name === '検証');
    for (let i = 1; i < series.length; i++) {
      const sameDay = series[i]!.snapshot_time - series[i - 1]!.snapshot_time === 10 * MINUTE;
      if (sameDay) {
        expect(series[i]!.total_waiting).toBeLessThanOrEqual(series[i - 1]!.total_waiting);
        expect(series[i]!.entry_count).toBeGreaterThanOrEqual(series[i - 1]!.entry_count);
      }
    }
  });

  it('shows occasional delays: some days finish after the deadline, most before', () => {
    const lastOfDay = new Map<string, { remaining: number }>();
    for (const s of company.snapshots) {
      if (s.snapshot_time === s.expected_completion_time) {
        lastOfDay.set(`${s.location_name}|${s.business_id}|${s.process_name}|${s.snapshot_time}`, { remaining: s.total_waiting });
      }
    }
    const atDeadline = [...lastOfDay.values()];
    const late = atDeadline.filter((d) => d.remaining > 0).length / atDeadline.length;
    expect(late).toBeGreaterThan(0.02);
    expect(late).toBeLessThan(0.25);
  });

  it('reproduces the reference situation exactly at 2025-10-23 15:40 JST', () => {
    expect(DEMO_ANCHOR_MS).toBe(Date.parse('2025-10-23T15:40+09:00'));
    const ref = company.snapshots.filter((s) => s.location_name === '札幌' && s.business_id === '523201' && s.process_name === 'エントリ1');
    const now = ref.find((s) => s.snapshot_time === DEMO_ANCHOR_MS)!;
    const halfHourAgo = ref.find((s) => s.snapshot_time === DEMO_ANCHOR_MS - 30 * MINUTE)!;
    expect(now.total_waiting).toBe(120);
    expect(now.expected_completion_time).toBe(Date.parse('2025-10-23T16:00+09:00'));
    expect((now.entry_count - halfHourAgo.entry_count) / 30).toBe(5);
  });

  it('gives 盛岡 and 品川 spare エントリ1 operators with skill 3 or more, on sites ahead of their own work', () => {
    for (const site of ['盛岡', '品川']) {
      const skilled = company.capabilities.filter(
        (c) =>
          c.process_name === 'エントリ1' &&
          c.skill_level >= 3 &&
          company.operators.find((o) => o.operator_id === c.operator_id && o.location_name === site && o.is_valid === 1),
      );
      expect(skilled.length, site).toBeGreaterThanOrEqual(2);
      const own = company.snapshots.filter((s) => s.location_name === site && s.process_name === 'エントリ1' && s.snapshot_time === DEMO_ANCHOR_MS);
      expect(
        own.every((s) => s.total_waiting === 0),
        site,
      ).toBe(true);
    }
    expect(company.operators.find((o) => o.operator_name === '高山 麻由子')?.location_name).toBe('盛岡');
  });

  it('has at least 200k log lines from several services, in English and Japanese, in time order', () => {
    expect(logs.length).toBeGreaterThanOrEqual(200_000);
    expect(new Set(logs.map((l) => l.service)).size).toBeGreaterThanOrEqual(6);
    expect(logs.some((l) => /[ぁ-んァ-ン一-龯]/.test(l.message))).toBe(true);
    expect(logs.filter((l) => /^[\x20-\x7e]+$/.test(l.message)).length).toBeGreaterThan(logs.length / 2);
    expect(logs.every((l, i) => i === 0 || l.ts >= logs[i - 1]!.ts)).toBe(true);
    expect(logs[logs.length - 1]!.ts).toBeLessThan(DEMO_ANCHOR_MS);
  });

  it('has error bursts that line up with the productivity dips', () => {
    const errorsPerMinute = (from: number, to: number): number =>
      logs.filter((l) => l.level === 'ERROR' && l.ts >= from && l.ts < to).length / ((to - from) / MINUTE);
    const baseline = errorsPerMinute(logs[0]!.ts, DEMO_ANCHOR_MS);
    for (const incident of company.incidents) {
      expect(errorsPerMinute(incident.start, Math.min(incident.end, DEMO_ANCHOR_MS))).toBeGreaterThan(baseline * 5);
    }
    // The reference incident: 札幌's OCR timing out since 13:50.
    const ocr = logs.filter((l) => l.host === 'ocr-sapporo-01' && l.level === 'ERROR' && l.ts >= Date.parse('2025-10-23T13:50+09:00'));
    expect(ocr.length).toBeGreaterThan(200);
  });

  it('has a few never-seen-before errors only late in the period', () => {
    const novel = logs.filter((l) => l.message.includes('certificate has expired') || l.message.includes('SS-v7'));
    expect(novel.length).toBeGreaterThan(5);
    expect(Math.min(...novel.map((l) => l.ts))).toBeGreaterThan(DEMO_ANCHOR_MS - 3 * 24 * 60 * MINUTE);
  });
});
