import { DEFAULT_LOG_PERIOD, LOG_PERIOD_HOURS, type LogNarrowing, type LogPeriodHours, type LogRange } from '../../../../main/api/logsScreen';
import { useT } from '../../i18n/useT';
import { formatTime } from '../overview/format';
import { countFigure } from '../../../../main/api/figures';

const LEVELS = ['ERROR', 'WARN', 'INFO', 'DEBUG'] as const;

/** What the filter bar holds: text as typed, and the period (hours back from the app's clock; there is always one). */
export interface FilterForm {
  level: '' | (typeof LEVELS)[number];
  service: string;
  host: string;
  hours: LogPeriodHours;
}
export const NO_FILTER: FilterForm = { level: '', service: '', host: '', hours: DEFAULT_LOG_PERIOD };

/** What narrows the lines besides the period, as the core's contract takes it. */
export function toNarrowing(f: FilterForm): LogNarrowing {
  return {
    ...(f.level ? { level: f.level } : {}),
    ...(f.service.trim() ? { service: f.service.trim() } : {}),
    ...(f.host.trim() ? { host: f.host.trim() } : {}),
  };
}

/** A period in words, for headings and counts: 「直近6時間」, "last 6 h". */
export function periodText(t: ReturnType<typeof useT>, hours: number): string {
  return hours > 24 && hours % 24 === 0 ? t('logs.period.days', { n: hours / 24 }) : t('logs.period.hours', { n: hours });
}

/**
 * The filter bar of the Logs view: level, service, host and period, applied together (as the
 * core and the CLI filter), and the one range the whole view shows, said once; `active`: how
 * many templates the applied narrowing keeps, null when nothing narrows them.
 */
export function LogFilterBar({
  form,
  onChange,
  onApply,
  onClear,
  active,
  range,
  timeZone,
}: {
  form: FilterForm;
  onChange: (form: FilterForm) => void;
  onApply: () => void;
  onClear: () => void;
  active: number | null;
  /** The range the view shows now (from the core), null before the first answer. */
  range: LogRange | null;
  timeZone: string;
}) {
  const t = useT();
  const field = <K extends keyof FilterForm>(key: K, value: FilterForm[K]) => onChange({ ...form, [key]: value });
  return (
    <form
      className="log-filters"
      data-testid="log-filters"
      onSubmit={(e) => {
        e.preventDefault();
        onApply();
      }}
    >
      <label>
        {t('logs.filter.level')}
        <select
          aria-label={t('logs.filter.level')}
          value={form.level}
          onChange={(e) => field('level', e.target.value as FilterForm['level'])}
          data-testid="log-filter-level"
        >
          <option value="">{t('logs.filter.anyLevel')}</option>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('logs.filter.serviceLabel')}
        <input
          aria-label={t('logs.filter.service')}
          placeholder={t('logs.filter.service')}
          value={form.service}
          maxLength={100}
          onChange={(e) => field('service', e.target.value)}
          data-testid="log-filter-service"
        />
      </label>
      <label>
        {t('logs.filter.hostLabel')}
        <input
          aria-label={t('logs.filter.host')}
          placeholder={t('logs.filter.host')}
          value={form.host}
          maxLength={200}
          onChange={(e) => field('host', e.target.value)}
          data-testid="log-filter-host"
        />
      </label>
      <label>
        {t('logs.filter.period')}
        <select
          aria-label={t('logs.filter.period')}
          value={form.hours}
          onChange={(e) => field('hours', Number(e.target.value) as LogPeriodHours)}
          data-testid="log-filter-period"
        >
          {LOG_PERIOD_HOURS.map((h) => (
            <option key={h} value={h}>
              {h > 24 && h % 24 === 0 ? t('logs.filter.days', { n: h / 24 }) : t('logs.filter.hours', { n: h })}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" data-testid="log-filter-apply">
        {t('logs.filter.apply')}
      </button>
      {active !== null && (
        <>
          <button type="button" onClick={onClear}>
            {t('logs.filter.clear')}
          </button>
          <span className="muted" data-testid="log-filter-active">
            {t('logs.filter.active', { n: countFigure(active) })}
          </span>
        </>
      )}
      {range && (
        <p className="log-range" data-testid="log-range">
          {t('logs.range', {
            from: formatTime(range.from, timeZone, range.to),
            to: formatTime(range.to, timeZone, range.from),
            period: periodText(t, range.hours),
          })}
        </p>
      )}
    </form>
  );
}
