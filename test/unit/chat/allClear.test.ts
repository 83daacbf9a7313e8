import { describe, expect, it } from 'vitest';
import { fullQuery, type AskQueryInput } from '../../../main/api/askQuery.js';
import type { Alert, IncidentReport, Overview, ProcessProgress, ProgressStatus } from '../../../main/api/types.js';
import { incidentsAnswer } from '../../../main/chat/analysisTexts.js';
import { explainQuery, type ExplainContext } from '../../../main/chat/query/explainQuery.js';
import { foldForCues } from '../../../main/chat/foldForCues.js';
import { timeOf } from '../../../main/chat/query/timeOf.js';

const TZ = 'Asia/Tokyo';
const AT = Date.parse('2025-10-23T15:40+09:00');

const line = (site: string, process: string, status: ProgressStatus, minutesLate: number | null, remaining = 120): ProcessProgress => ({
  site,
  process,
  businessId: '523201',
  snapshotTime: AT,
  deadline: AT + 20 * 60_000,
  remaining,
  completedToday: 500,
  speedPerMinute: 5,
  requiredPerMinute: 6,
  projectedFinish: AT + 24 * 60_000,
  minutesLate,
  status,
});

/** A company of two sites: 札幌 with its エントリ1 late by 4 minutes and its 補正 on track, 盛岡 on track. */
function overview(lines: ProcessProgress[]): Overview {
  const sites = [...new Set(lines.map((l) => l.site))];
  return {
    now: AT,
    timeZone: TZ,
    dataAsOf: AT,
    sites: sites.map((site) => ({
      site,
      status: 'on_track',
      processes: lines.filter((l) => l.site === site),
      trend: { times: [], series: [] },
      finishedAt: null,
    })),
    urgent: lines.filter((l) => l.status === 'late' || l.status === 'at_risk' || l.status === 'stalled'),
    summary: { itemsLeft: 0, atRisk: 0, open: 0, nextDeadline: null },
    businessNames: { '523201': 'SS' },
  };
}

const alert = (o: Partial<Alert> & Pick<Alert, 'kind' | 'site' | 'title'>): Alert => ({
  id: 1,
  severity: 'warning',
  process: null,
  detail: {},
  firstSeen: AT,
  lastSeen: AT,
  status: 'open',
  resolvedAt: null,
  acknowledgedAt: null,
  snoozedUntil: null,
  dataAsOf: AT,
  request: null,
  startedAt: AT,
  startKnown: false,
  decision: null,
  ...o,
});

const LATE = alert({ kind: 'delay_risk', site: '札幌', title: '札幌 エントリ1（SS）が納期 16:00 に約4分遅れる見込み' });
const INCIDENT = alert({
  id: 2,
  kind: 'log_anomaly',
  severity: 'critical',
  site: '札幌',
  title: 'ログの障害（札幌）: ocr-sapporo-01 13:50から556行',
  titles: { ja: 'ログの障害（札幌）: ocr-sapporo-01 13:50から556行', en: 'Log incident (札幌): ocr-sapporo-01, 556 lines since 13:50' },
  detail: { services: ['ocr-worker'] },
});

const explain = async (read: AskQueryInput, ov: Overview, alerts: Alert[], lang: 'ja' | 'en' = 'en'): Promise<string> => {
  const c: ExplainContext = {
    db: null as never,
    lang,
    timeZone: TZ,
    overview: () => ov,
    incidents: () => ({ incidents: [] }) as unknown as IncidentReport,
    alerts: () => alerts,
    peopleNeeded: async () => null,
  };
  return (await explainQuery(fullQuery(read), c)).text;
};

/** Issue 60: no all-clear that Genba's own facts contradict. */
describe('an all-clear is checked against what Genba knows', () => {
  // 札幌 has no 補正 today and its エントリ1 is 4 minutes late; 盛岡's only work is done.
  const company = overview([line('札幌', 'エントリ1', 'late', 4), line('盛岡', 'エントリ1', 'done', null, 0)]);
  const quiet = overview([line('札幌', 'エントリ1', 'done', null, 0)]);

  it('"fix Sapporo\'s delay" read as 札幌 補正: not "nothing is late", but no 補正 today and the late line and its alert named', async () => {
    const text = await explain({ op: 'advise', measure: 'slack', site: ['札幌'], process: ['補正'] }, company, [LATE]);
    expect(text).not.toMatch(/Nothing is late/);
    expect(text).toBe(
      [
        '札幌 · 補正 has no work today (as of 15:40).',
        'But these are open:',
        'Lines late or at risk:',
        '- 札幌 · エントリ1 · SS: 120 items left, about 4 min late',
        'Open alerts:',
        `- ${LATE.title}`,
      ].join('\n'),
    );
  });

  it('in Japanese the same', async () => {
    const text = await explain({ op: 'advise', measure: 'slack', site: ['札幌'], process: ['補正'] }, company, [LATE], 'ja');
    expect(text).toMatch(/^札幌 · 補正の作業は今日ありません（15:40時点）。\nただし、次が対応中です:/);
    expect(text).toContain('- 札幌 · エントリ1 · SS: 残り120件、納期に約4分遅れる見込み');
    expect(text).not.toContain('遅れそうな工程はありません');
  });

  it('an open alert with no late line (an incident) still blocks the all-clear', async () => {
    const text = await explain({ op: 'why', measure: 'slack' }, quiet, [INCIDENT]);
    expect(text).toBe(['No line is late or at risk (as of 15:40).', 'But these are open:', 'Open alerts:', `- ${INCIDENT.titles!.en}`].join('\n'));
  });

  it('the all-clear is said when nothing is open at the site asked about, with its time; trouble elsewhere does not block it', async () => {
    expect(await explain({ op: 'why', measure: 'slack', site: ['盛岡'] }, company, [LATE, INCIDENT])).toBe(
      '盛岡: Nothing is late or at risk, and no alert is open (as of 15:40).',
    );
    expect(await explain({ op: 'why', measure: 'slack', site: ['盛岡'], process: ['エントリ1'] }, company, [LATE], 'ja')).toBe(
      '盛岡 · エントリ1は完了しています（15:40時点）。盛岡: 遅れている・遅れそうな工程はなく、対応中のアラートもありません（15:40時点）。',
    );
  });

  it('a resolved alert does not block it', async () => {
    expect(await explain({ op: 'why', measure: 'slack' }, quiet, [{ ...LATE, status: 'resolved' }])).toBe(
      'Nothing is late or at risk, and no alert is open (as of 15:40).',
    );
  });

  it('"no log incident" in the window asked names the incident still open outside it', () => {
    const none = { incidents: [] } as unknown as IncidentReport;
    const named = { lang: 'ja' as const, timeZone: TZ, dayStart: AT, businessNames: {} };
    const window = { ja: '今日の午前', en: 'this morning' };
    expect(incidentsAnswer(none, named, null, { alerts: [INCIDENT], window })).toBe(
      '今日の午前にはログの障害はありません。ただし、次の障害が対応中です:\n- ログの障害（札幌）: ocr-sapporo-01 13:50から556行',
    );
    expect(incidentsAnswer(none, { ...named, lang: 'en' }, '札幌', { alerts: [INCIDENT], window })).toBe(
      'No log incident this morning touching 札幌. But this incident is open:\n- Log incident (札幌): ocr-sapporo-01, 556 lines since 13:50',
    );
    expect(incidentsAnswer(none, named, null, { alerts: [], window })).toBe('ログの障害はありません。');
  });

  it('「今朝から」 and "since this morning" run up to now', () => {
    const read = (q: string) => timeOf(foldForCues(q));
    expect(read('今朝からのOCRの障害、いつから？どの拠点？')).toBe('today');
    expect(read('Any errors since this morning?')).toBe('today');
    expect(read('朝からずっと遅い')).toBe('today');
    expect(read('今朝の障害は？')).toBe('this_morning');
  });
});
