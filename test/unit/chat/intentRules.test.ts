import { describe, expect, it } from 'vitest';
import type { IntentType } from '../../../main/api/assistantTypes.js';
import { createEntityResolver, normalizeText } from '../../../main/chat/entityResolver.js';
import { intentFromRules, parseByTime, parseTimeRange } from '../../../main/chat/intentRules.js';
import { makeNameReadings } from '../../../main/chat/nameReadings.js';

const NAMES = {
  sites: ['札幌', '盛岡', '品川', '横浜', '大阪', '佐世保'],
  processes: ['エントリ1', 'エントリ2', '補正', '検証'],
  businessIds: ['523201', '611040', '704518'],
};
const ALIASES = { サッポロ第一: '札幌' };
// Readings from kuromoji's dictionary, as the assistant makes them for the synced names.
const resolver = createEntityResolver(NAMES, ALIASES, await makeNameReadings({ ...NAMES, businesses: Object.keys(ALIASES), operators: [] }));
const NOW = Date.parse('2025-10-23T15:40:00+09:00');
const DAY = Date.parse('2025-10-23T00:00:00+09:00');

// [request, intent, location, process]: Japanese and English, formal and casual, with and without names.
const CASES: [string, IntentType, string | null, string | null][] = [
  ['札幌のエントリ1工程が遅延しています', 'deadline_optimization', '札幌', 'エントリ1'],
  ['さっぽろ拠点のエントリー１が間に合いません', 'deadline_optimization', '札幌', 'エントリ1'],
  ['Sapporo entry 1 is running late', 'deadline_optimization', '札幌', 'エントリ1'],
  ['エントリ1が遅れている。人を回して', 'deadline_optimization', null, 'エントリ1'],
  ['サッポロ第一のエントリ2がやばい', 'deadline_optimization', '札幌', 'エントリ2'],
  ['We are behind on verification in Sasebo', 'deadline_optimization', '佐世保', '検証'],
  ['品川の補正を手伝って', 'deadline_optimization', '品川', '補正'],
  ['遅延リスクのある工程は？', 'delay_risk_detection', null, null],
  ['Which processes might be late today?', 'delay_risk_detection', null, null],
  ['盛岡から札幌へ3名移動したら影響は？', 'impact_analysis', '札幌', null],
  ['横浜の生産性はどう？', 'productivity_analysis', '横浜', null],
  ['What is the throughput in Osaka?', 'productivity_analysis', '大阪', null],
  ['OCRのエラーが増えている原因を調べて', 'log_investigation', null, null],
  ['Show me the error logs from ocr-worker', 'log_investigation', null, null],
  ['アラートが多すぎるのでしきい値を見直したい', 'alert_improvement', null, null],
  ['Too many false alarms from alerts', 'alert_improvement', null, null],
  ['納期直前の増員ルールは？', 'knowledge_query', null, null],
  ['What is our policy for moving staff?', 'knowledge_query', null, null],
  ['札幌の残り件数は？', 'simple_query', '札幌', null],
  ['How many items are left in Yokohama?', 'simple_query', '横浜', null],
  ['こんにちは', 'other', null, null],
  ['thanks!', 'other', null, null],
];

describe('intent fallback parser (rules and n-gram similarity)', () => {
  it.each(CASES)('%s → %s', (text, type, location, process) => {
    const intent = intentFromRules(text, resolver, NOW, DAY);
    expect(intent).toMatchObject({ intent_type: type, source: 'rules', entities: { location, process } });
    expect(intent.requires_action).toBe(type === 'deadline_optimization');
    expect(intent.confidence).toBeGreaterThan(0);
    expect(intent.confidence).toBeLessThanOrEqual(1);
  });

  it('reads a business id and a time range', () => {
    const intent = intentFromRules('業務523201の過去2時間の状況を教えて', resolver, NOW, DAY);
    expect(intent.entities.business_id).toBe('523201');
    expect(intent.entities.time_range).toEqual({ from: NOW - 2 * 3_600_000, to: NOW, label: '2h' });
    expect(parseTimeRange('昨日のエラー', NOW, DAY)).toEqual({ from: DAY - 86_400_000, to: DAY, label: 'yesterday' });
    expect(parseTimeRange('errors in the last 30 minutes', NOW, DAY)?.from).toBe(NOW - 30 * 60_000);
    expect(parseTimeRange('札幌の状況', NOW, DAY)).toBeNull();
    expect(parseTimeRange('14時ごろからのエラー', NOW, DAY)).toEqual({ from: DAY + 14 * 3_600_000, to: NOW, label: 'since 14:00' });
    expect(parseTimeRange('errors since 2pm', NOW, DAY)?.from).toBe(DAY + 14 * 3_600_000);
    expect(parseTimeRange('先週と比べて', NOW, DAY)).toEqual({ from: DAY - 7 * 86_400_000, to: NOW, label: 'week' });
    // A time later than now is no window.
    expect(parseTimeRange('17時から', NOW, DAY)).toBeNull();
  });

  it('reads the time work must be done by, and not a number of people or a window', () => {
    const H = 3_600_000;
    expect(parseByTime('医療レセプトで17時に間に合わない拠点は？', DAY)).toBe(DAY + 17 * H);
    expect(parseByTime('１６時までに終わらない工程は？', DAY)).toBe(DAY + 16 * H);
    expect(parseByTime('17:30までに終わる？', DAY)).toBe(DAY + 17.5 * H);
    expect(parseByTime('17時半の締めに間に合う？', DAY)).toBe(DAY + 17.5 * H);
    expect(parseByTime('which sites will miss 5pm?', DAY)).toBe(DAY + 17 * H);
    expect(parseByTime('done by 16:00?', DAY)).toBe(DAY + 16 * H);
    expect(parseByTime('move 2 people by 3 operators', DAY)).toBeNull();
    expect(parseByTime('14時ごろからのエラー', DAY)).toBeNull();
    expect(parseByTime('25時までに', DAY)).toBeNull();
  });
});

describe('entity resolution against the master data', () => {
  it.each([['札幌'], ['さっぽろ'], ['Sapporo'], ['SAPPORO'], ['札幌拠点'], ['サッポロ第一'], ['ｻｯﾎﾟﾛ第一']])('%s → 札幌', (v) => {
    expect(resolver.resolveSite(v)).toBe('札幌');
  });

  it.each([['エントリ1'], ['エントリ１'], ['エントリー1'], ['entry 1'], ['Entry1'], ['ｴﾝﾄﾘ1']])('%s → エントリ1', (v) => {
    expect(resolver.resolveProcess(v)).toBe('エントリ1');
  });

  it('does not read a name into a longer one, or invent one', () => {
    expect(resolver.extract('エントリ12 の件').process).toBeNull();
    expect(resolver.resolveSite('名古屋')).toBeNull(); // a known reading, but not a site of this company
    expect(resolver.extract('業務5232011').business_id).toBeNull();
  });

  it('takes the site named without から as the target and the others as sources', () => {
    expect(resolver.extract('盛岡から札幌へ応援を出したい')).toMatchObject({ location: '札幌', sources: ['盛岡'] });
    expect(resolver.extract('move two from Morioka to Sapporo')).toMatchObject({ location: '札幌', sources: ['盛岡'] });
  });

  it('folds width, case and spaces the same way for names and text', () => {
    expect(normalizeText('ＥＮＴＲＹ　１')).toBe('エントリ1');
    expect(normalizeText('Prefix verification')).toBe('prefix検証');
    expect(normalizeText('from Morioka  to Sapporo')).toBe('from morioka to sapporo');
  });
});
