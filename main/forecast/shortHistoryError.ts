import { GenbaError } from '../errors.js';

/** Fewer working days of history than the forecast needs: the caller shows "not enough data yet" rather than a guess. */
export class ShortHistoryError extends GenbaError {
  readonly days: number;
  readonly needed: number;

  constructor(days: number, needed: number) {
    super('FORECAST_SHORT_HISTORY', {
      ja: `予測には${needed}営業日以上の実績が必要です（${days}日分しかありません）`,
      en: `A forecast needs at least ${needed} working days of history (only ${days} given)`,
    });
    this.days = days;
    this.needed = needed;
  }
}
