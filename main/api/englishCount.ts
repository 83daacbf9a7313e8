import { speedFigure } from './figures.js';

/**
 * English words that agree with a count ("1 alert", "2 alerts"; "1 item waits", "2 items wait").
 * Japanese needs none: its texts write the count as it is. Plain code that imports only
 * figures.ts, plain too: the renderer may use it at run time.
 */

/** `one` for exactly 1, `other` for any other count (0 included). */
export function plural(n: number, one: string, other = `${one}s`): string {
  return n === 1 ? one : other;
}

/** A count and its noun: `count(1, 'process', 'processes')` is "1 process". `shown` is the count as printed, when not `String(n)`. */
export function count(n: number, one: string, other = `${one}s`, shown = String(n)): string {
  return `${shown} ${plural(n, one, other)}`;
}

/**
 * Fills the count words of a message template: `{n|line|lines}` is the word that agrees with
 * `vars.n` ("1 line", "2 lines"); a count may come formatted ("1,234"). Other `{name}`s are left
 * for the caller. The renderer's messages use it; a language without such words has none.
 */
export function fillCountWords(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (_, name: string, one: string, other: string) =>
    plural(Number(String(vars[name] ?? '').replaceAll(',', '')), one, other),
  );
}

/** A measure's unit that agrees with its figure: "1 item", "1 person", "2 items"; a rate ("items/min") stays as it is. */
export function unitFor(n: number | null, unit: string): string {
  if (n !== 1 || unit.includes('/')) return unit;
  return unit === 'people' ? 'person' : unit.endsWith('s') && unit !== 'series' ? unit.slice(0, -1) : unit;
}

/**
 * A figure with its thousands grouped (「11,291 件」, "1 item") and its unit agreeing with it; a share is "96.6%"; a rate
 * ("件/分", "items/min") is written as every speed is (speedFigure: "5.0", never "5").
 */
export function withUnit(v: number, unit: string, decimals = 3): string {
  const figure = unit.includes('/') ? speedFigure(v) : v.toLocaleString('en-US', { maximumFractionDigits: decimals });
  return `${figure}${unit === '%' ? '%' : ` ${unitFor(v, unit)}`}`;
}
