import type { MeasureId } from './askQuery.js';
import type { Localized } from './localized.js';

/** What a manager reads for a measure: its name and its unit. */
export interface MeasureLabel {
  label: Localized;
  unit: Localized;
}

/**
 * The name and unit of every measure of the floor's model, the one definition for the core
 * (main/chat/query/measures.ts, the answers' texts) and the renderer (the Chat view's
 * 「読み取った内容」 and its chart's axis). Plain data: the renderer imports it at run time.
 */
export const MEASURE_LABELS: Record<MeasureId, MeasureLabel> = {
  remaining: { label: { ja: '残件', en: 'items left' }, unit: { ja: '件', en: 'items' } },
  done: { label: { ja: '処理済み件数', en: 'items done' }, unit: { ja: '件', en: 'items' } },
  arrivals: { label: { ja: '到着件数', en: 'items arrived' }, unit: { ja: '件', en: 'items' } },
  progress: { label: { ja: '進捗率', en: 'progress' }, unit: { ja: '%', en: '%' } },
  speed: { label: { ja: '処理速度', en: 'speed' }, unit: { ja: '件/分', en: 'items/min' } },
  needed_speed: { label: { ja: '必要な速度', en: 'speed needed' }, unit: { ja: '件/分', en: 'items/min' } },
  finish: { label: { ja: '完了見込み', en: 'projected finish' }, unit: { ja: '時刻', en: 'time' } },
  slack: { label: { ja: '納期までの余裕', en: 'slack to the deadline' }, unit: { ja: '分', en: 'min' } },
  deadline: { label: { ja: '納期', en: 'deadline' }, unit: { ja: '時刻', en: 'time' } },
  missed_deadlines: {
    label: { ja: '納期遅れ（過ぎた納期に残件あり）', en: 'missed deadlines (work left at a passed deadline)' },
    unit: { ja: '件', en: 'deadlines' },
  },
  correction_waiting: { label: { ja: '補正待ち', en: 'waiting for correction' }, unit: { ja: '件', en: 'items' } },
  headcount: { label: { ja: '人数', en: 'headcount' }, unit: { ja: '人', en: 'people' } },
  operator_speed: { label: { ja: 'オペレーターの登録速度', en: "operator's registered speed" }, unit: { ja: '件/時', en: 'items/h' } },
  skill: { label: { ja: 'スキルと経験', en: 'skill and experience' }, unit: { ja: 'レベル', en: 'level' } },
  error_lines: { label: { ja: 'エラー行数', en: 'error lines' }, unit: { ja: '行', en: 'lines' } },
  incidents: { label: { ja: '障害', en: 'incidents' }, unit: { ja: '件', en: 'incidents' } },
  alerts: { label: { ja: 'アラート', en: 'alerts' }, unit: { ja: '件', en: 'alerts' } },
  decisions: { label: { ja: '承認・却下', en: 'decisions' }, unit: { ja: '件', en: 'decisions' } },
  attendance: { label: { ja: '勤怠（出勤・欠勤）', en: 'attendance' }, unit: { ja: '人', en: 'people' } },
  absence: { label: { ja: '休み（欠勤・有給）', en: 'people off (absent or on leave)' }, unit: { ja: '人', en: 'people' } },
  late_arrivals: { label: { ja: '遅刻', en: 'late arrivals' }, unit: { ja: '人', en: 'people' } },
  overtime: { label: { ja: '残業', en: 'overtime' }, unit: { ja: '分', en: 'min' } },
  forecast_volume: { label: { ja: '物量予測', en: 'workload forecast' }, unit: { ja: '件', en: 'items' } },
  planned_staff: { label: { ja: '配置計画', en: 'staffing plan' }, unit: { ja: '人', en: 'people' } },
  unknown: { label: { ja: 'そのデータ', en: 'that data' }, unit: { ja: '', en: '' } },
};
