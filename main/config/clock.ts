import { ConfigError } from './configError.js';

/** Every "now" in the core comes from a Clock, so `--now` makes runs reproducible. */
export interface Clock {
  now(): number;
  readonly fixed: boolean;
}

export const systemClock: Clock = { now: () => Date.now(), fixed: false };

/** Where the app's time comes from: --now, the demo company's afternoon, or the system. */
export type ClockMode = 'fixed' | 'demo' | 'system';

/**
 * The app's clock: --now when given; while the demo company is the source, the afternoon
 * its data is a snapshot of; real time otherwise.
 */
export function appClock(o: { fixedNow: number | undefined; demoAnchor: number; isDemo: () => boolean }): Clock & { mode(): ClockMode } {
  const mode = (): ClockMode => (o.fixedNow !== undefined ? 'fixed' : o.isDemo() ? 'demo' : 'system');
  return {
    now: () => o.fixedNow ?? (o.isDemo() ? o.demoAnchor : Date.now()),
    get fixed() {
      return mode() !== 'system';
    },
    mode,
  };
}

export function fixedClock(epochMs: number): Clock {
  return { now: () => epochMs, fixed: true };
}

// An ISO-8601 date-time with an explicit offset or Z: a fixed clock must not depend on
// the machine's time zone.
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseIsoInstant(text: string): number {
  const ms = ISO_WITH_ZONE.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms) || !sameFields(text, ms)) {
    throw new ConfigError('CLOCK_INVALID', {
      ja: `日時「${text}」を解釈できません。例: 2025-10-23T15:40+09:00`,
      en: `Cannot read the date-time "${text}". Example: 2025-10-23T15:40+09:00`,
    });
  }
  return ms;
}

/**
 * Date.parse rolls impossible fields over (2025-02-30 becomes 2 March): the instant, read
 * back at the text's own offset, must give the very date and time that were written.
 */
function sameFields(text: string, ms: number): boolean {
  const zone = /(Z|([+-])(\d{2}):(\d{2}))$/.exec(text)!;
  const offsetMin = zone[1] === 'Z' ? 0 : (zone[2] === '-' ? -1 : 1) * (Number(zone[3]) * 60 + Number(zone[4]));
  if (Math.abs(offsetMin) > 14 * 60) return false;
  const local = new Date(ms + offsetMin * 60_000).toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ in the text's offset
  const written = text.slice(0, zone.index);
  return local.startsWith(written.length === 16 ? written : written.padEnd(19, ':').slice(0, 19));
}
