/**
 * How a figure is written, one rule per unit, for every screen and every answer (the core's texts
 * and the renderer both import these): the same figure must read the same in the overview, an
 * alert and the chat ("5.0" in one view and "5" in another, or 11291 beside 11,291, read as two
 * figures to a manager).
 */

/** Items per minute or per hour: one decimal, always ("5.0", never "5"). */
export const speedFigure = (perUnit: number): string => perUnit.toFixed(1);

/** A count (items, people, lines): whole, with thousands separators ("11,291"). */
export const countFigure = (n: number): string => Math.round(n).toLocaleString('en-US');
