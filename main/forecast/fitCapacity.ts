import type { DayFeatures } from './dayFeatures.js';
import { own, type Factors } from './dayMultiplier.js';
import { shrunk } from './shrunk.js';

/** The capacities tried, as multiples of the level; Infinity (none) is tried first and kept on a tie. */
const CAPS = [Infinity, 1.25, 1.5, 1.75, 2, 2.5, 3, 4];
/** A closure's first days (the day after it included) over which the work it carried in is measured and a capacity judged. */
const AFTER_CLOSURE = 5;

/**
 * Whether the days after closures were keyed at a capacity. A site keys at most what its people
 * can in a day; after a long closure (the New Year, Golden Week) the work that waited is keyed at
 * that pace over the next days, not all on the first. Read from the history, never assumed: the
 * work carried in is then measured over each closure's first AFTER_CLOSURE days together (the first
 * alone is capped), and a capacity is kept only where its backlog fits those days better than none,
 * so a site with slack keeps all on the first day. Judged on the development sets and locked set G
 * (bench `forecast-blind-g`: docs/bench/2026-11-27-forecast-capacity.md).
 */
export function fitCapacity(y: number[], days: DayFeatures[], level: number[], f: Factors): void {
  const near: number[] = [];
  let since = Infinity;
  for (let i = 0; i < y.length; i++) {
    since = days[i]!.carriedDows.length > 0 ? 0 : since + 1;
    if (since < AFTER_CLOSURE && level[i]! > 0) near.push(i);
  }
  if (near.length === 0) return;
  // The usual work of the weekdays closed just before each day (0 on most days), and each day's
  // own from the first closure on (no backlog before it). A forecast fits this seven times per
  // series, in a cold process too: the loops below allocate nothing and start there.
  const usual = days.map((d) => d.carriedDows.reduce((s, dow) => s + f.dow[dow]!, 0));
  const first = usual.findIndex((u) => u > 0);
  if (first < 0) return;
  const mine = days.map((d, i) => (i >= first ? own(f, d) : 0));
  // The carry read off every day of the closures' aftermath, not the first alone (it may be capped).
  const totals: number[] = [];
  for (let i = 0; i < y.length; i++) {
    if (usual[i] === 0 || !(level[i]! > 0)) continue;
    let extra = 0;
    for (let k = i; k < Math.min(y.length, i + AFTER_CLOSURE) && (k === i || days[k]!.carriedDows.length === 0); k++)
      if (level[k]! > 0) extra += y[k]! / level[k]! - mine[k]!;
    totals.push(extra / usual[i]!);
  }
  const carryT = Math.min(3, Math.max(0, shrunk(totals, 1)));
  // How far the days after closures sit from what the backlog keyed at `cap` gives (sequenceMultipliers' arithmetic).
  const misfit = (cap: number, carry: number): number => {
    let backlog = 0;
    let e = 0;
    for (let i = first, next = 0; next < near.length; i++) {
      const m = mine[i]!;
      let keyed = m + carry * usual[i]!;
      if (Number.isFinite(cap)) {
        backlog += carry * usual[i]!;
        keyed = Math.max(m, Math.min(cap, m + backlog));
        backlog -= keyed - m;
      }
      if (i === near[next]) {
        e += Math.abs(Math.log((y[i]! + 1) / (level[i]! * keyed + 1)));
        next++;
      }
    }
    return e;
  };
  let best = { cap: f.cap, carry: f.carry, e: misfit(Infinity, f.carry) };
  for (const cap of CAPS.slice(1)) {
    const e = misfit(cap, carryT);
    if (e < best.e) best = { cap, carry: carryT, e };
  }
  f.cap = best.cap;
  f.carry = best.carry;
}
