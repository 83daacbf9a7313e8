import type { AskQuery, Dimension } from '../../api/askQuery.js';
import type { Localized } from '../../api/localized.js';
import type { MeasureDef } from './measures.js';
import { MEASURE_QUERY_TEXTS as T } from './measureQueryTexts.js';
import { NAMED_DIMS } from './measureQuery.js';

/**
 * The decline of a query that splits or filters a measure by a dimension the measure does not declare (measures.ts), for
 * the measures the store does not compute itself (speed, finish, slack, incidents, the plan …): 「Genbaは速度のオペレーター
 * 別の値は出せません（…）」. Without it such a filter was silently dropped and the answer was the whole company's figure,
 * said with the same confidence as a right one. Null: every dimension the query names is declared.
 */
export function undeclaredSplit(q: AskQuery, m: MeasureDef): Localized | null {
  const has = (d: Dimension): boolean => m.dims.includes(d);
  const why = T.computedPer(
    m.label,
    m.dims.filter((d) => d !== 'hour' && d !== 'day'),
  );
  // A trend is over time by its nature: its step is the window's, whatever split the measure declares.
  if (q.by !== null && !has(q.by) && !(q.op === 'trend' && (q.by === 'hour' || q.by === 'day'))) return T.cannot(q.op, m.label, q.by, why);
  for (const d of NAMED_DIMS) if (q[d].length > 0 && !has(d)) return T.cannot('filter', m.label, d, why);
  if (q.level !== null && !has('level')) return T.cannot('filter', m.label, 'level', why);
  // Experience is a column of the people's skills (measureSql.ts): a measure computed from progress has none.
  if (q.experience !== null || q.experienceUnder !== null) return T.cannot('filter', m.label, 'experience', why);
  return null;
}
