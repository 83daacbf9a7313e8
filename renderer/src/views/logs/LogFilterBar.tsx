import type { LogFilter } from '../../../../main/api/types';
import { useT } from '../../i18n/useT';

const LEVELS = ['ERROR', 'WARN', 'INFO', 'DEBUG'] as const;
const PERIODS = [1, 6, 24, 24 * 7];

/** What the filter bar holds: text as typed, the period in hours (0: all time). */
export interface FilterForm {
  level: '' | (typeof LEVELS)[number];
  service: string;
  host: string;
  hours: number;
}
export const NO_FILTER: FilterForm = { level: '', service: '', host: '', hours: 0 };

/** The filter of the core's contract; the period ends at the app's clock (the demo's day, not the laptop's). */
export function toFilter(f: FilterForm, now: number): LogFilter {
  return {
    ...(f.level ? { level: f.level } : {}),
    ...(f.service.trim() ? { service: f.service.trim() } : {}),
    ...(f.host.trim() ? { host: f.host.trim() } : {}),
    ...(f.hours > 0 ? { from: now - f.hours * 3_600_000, to: now } : {}),
  };
}

/**
 * The filter bar of the Logs view: level, service, host and period, applied together (as the
 * core and the CLI filter); `active`: how many templates the applied filter keeps, null when none is applied.
 */
export function LogFilterBar({
  form,
  onChange,
  onApply,
  onClear,
  active,
}: {
  form: FilterForm;
  onChange: (form: FilterForm) => void;
  onApply: () => void;
  onClear: () => void;
  active: number | null;
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
          onChange={(e) => field('hours', Number(e.target.value))}
          data-testid="log-filter-period"
        >
          <option value={0}>{t('logs.filter.anyTime')}</option>
          {PERIODS.map((h) => (
            <option key={h} value={h}>
              {t('logs.filter.hours', { n: h })}
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
            {t('logs.filter.active', { n: active.toLocaleString() })}
          </span>
        </>
      )}
    </form>
  );
}
