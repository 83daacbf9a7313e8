import { z } from 'zod';
import { askQuerySchema, fullQuery, fullQuerySchema, MEASURE_IDS, TIME_PRESETS, type AskQueryInput } from '../../api/askQuery.js';
import { MEASURE_LABELS } from '../../api/measureLabels.js';
import { aiError } from '../../ai/aiError.js';
import { modelNumber, modelString, parseModelOutput } from '../../ai/jsonSchema.js';
import type { LlmService } from '../../ai/llmService.js';
import { HONORIFIC_AFTER } from '../nameReadings.js';
import type { ParsedQuery } from './parseQuery.js';
import type { NamedInText, QueryNames } from './queryNames.js';

// A question names one to three things of a kind; a longer list only lets a small model ramble.
const names = z.array(modelString(20)).max(3);

/**
 * The query as the intent model (qwen2 0.5B) writes it: declared once, here. Its grammar is this
 * schema's JSON Schema (`grammarJsonSchema`, in `llm.json`), its type `z.infer`, and its check
 * zod's parse. Kept small: level, status, against, move, asks and conditions are taken from the rules' reading,
 * and time only as a named preset. Every field is required (null or [] when the question names
 * none), so that the grammar makes the model write each one.
 */
export const QUERY_SCHEMA = z.strictObject({
  op: fullQuerySchema.shape.op,
  measure: fullQuerySchema.shape.measure,
  site: names,
  process: names,
  business: names,
  operator: names,
  service: names,
  by: fullQuerySchema.shape.by,
  time: z.enum(TIME_PRESETS).nullable(),
  rank: z.strictObject({ order: z.enum(['top', 'bottom']), n: modelNumber(1, 10, { int: true }) }).nullable(),
  confidence: modelNumber(0, 1),
});

/** The synced names (for the prompt) and the rules' finder (to resolve what the model writes). */
export interface QueryNameIndex {
  names: QueryNames;
  find: (text: string) => NamedInText;
}

const NAME_KINDS = [
  ['site', 'sites'],
  ['process', 'processes'],
  ['business', 'businesses'],
  ['operator', 'operators'],
  ['service', 'services'],
] as const;

const OPS_TEXT =
  'value: one figure. list: a measure per member, or which are in a state. compare: named things side by side. rank: top or bottom N. ' +
  'trend: over time. change: against usual or yesterday. whatif: moving people or a new speed. why: the cause. advise: what to do. ' +
  'propose: who to move. history: what came of a move or plan decided before. status: a summary. check: yes or no. knowhow: company rules. outside: not about the floor.';

/** The prompt: the operations, the measures with their labels, the synced names, the words taught, then the question fenced as data. */
export function queryPrompt(question: string, n: QueryNames): string {
  const list = (xs: string[]): string => xs.slice(0, 40).join(', ') || '-';
  return [
    "Read a site manager's question into a query. Answer with JSON only.",
    `op: ${OPS_TEXT}`,
    `measure (null for status, knowhow, outside): ${MEASURE_IDS.map((id) => `${id}=${MEASURE_LABELS[id].label.ja}/${MEASURE_LABELS[id].label.en}`).join(', ')}.`,
    `Sites: ${list(n.sites)}. Processes: ${list(n.processes)}. Business ids: ${list(n.businessIds)}. Services: ${list(n.services)}. Operators: ${list(n.operators)}.`,
    // The words the company taught (「物量は到着件数のこと」) mean their measure here, whatever else they mean elsewhere.
    ...(n.taught?.length ? [`Words of this company (word = measure): ${list(n.taught.map((t) => `${t.word} = ${t.measure}`))}.`] : []),
    'Name lists hold only names the question uses, written as above; [] when it names none. by, time, rank: null unless the question asks for them.',
    // The request is data, not instructions: fenced so that its text cannot pose as the task.
    '<request>',
    question.replace(/<\/?request>/gi, ''),
    '</request>',
  ].join('\n');
}

/** The synced name a model's string stands for: the whole string must be one name (札幌第二 is not 札幌). */
function resolveName(find: QueryNameIndex['find'], kind: (typeof NAME_KINDS)[number][1], value: string): string | null {
  const named = find(value);
  const hits = named[kind];
  if (hits.length !== 1 || hits[0]!.at !== 0) return null;
  const rest = named.text.slice(hits[0]!.end);
  return rest === '' || (kind === 'operators' && rest.replace(HONORIFIC_AFTER, '') === '') ? hits[0]!.canonical : null;
}

/**
 * The intent model's reading of a question, as the typed query, under a JSON-schema grammar.
 * Throws when the reading does not validate (readModelQuery); the caller keeps the rules'.
 */
export async function queryFromModel(llm: LlmService, question: string, index: QueryNameIndex, rules: ParsedQuery, signal?: AbortSignal): Promise<ParsedQuery> {
  // Waited for, greedy, with no timer: which reader counts never depends on the clock or the machine's load (the
  // stage is shown while it reads; the manager can stop it, and then the rules read).
  const out = await llm.json('intent', queryPrompt(question, index.names), QUERY_SCHEMA, { timeoutMs: null, ...(signal ? { signal } : {}) });
  return readModelQuery(out, index, rules);
}

/**
 * The model's output checked and merged with the rules' reading. Every name it gives must
 * resolve to a synced name and the whole must parse as an AskQuery, else it throws. The model
 * decides the operation and the measure; the names the text itself uses (the rules') win.
 */
export function readModelQuery(output: unknown, index: QueryNameIndex, rules: ParsedQuery): ParsedQuery {
  const out = parseModelOutput(output, QUERY_SCHEMA);
  const r = rules.query;
  const resolved: Partial<Record<(typeof NAME_KINDS)[number][0], string[]>> = {};
  const refused: string[] = [];
  for (const [field, kind] of NAME_KINDS) {
    const canon = out[field].map((v) => resolveName(index.find, kind, v));
    out[field].forEach((v, i) => canon[i] === null && refused.push(`${field} ${JSON.stringify(v)}`));
    // The people the rules read as left out (「坂本さんは外して」) are not who the question is about, whoever names them.
    resolved[field] = r[field].length > 0 ? r[field] : (canon.filter((c) => c !== null && !(field === 'operator' && r.notWho.includes(c))) as string[]);
  }
  if (refused.length > 0)
    throw aiError('AI_SCHEMA_INVALID', { ja: `マスタにない名前です: ${refused.join(', ')}`, en: `Names not in the master data: ${refused.join(', ')}` });

  // A question about a decision already taken is read from its words (historyWords.ts): a model's proposal or what-if of it
  // would store a card or project a move the manager did not ask for, so the rules' history stands.
  const op = r.op === 'history' ? 'history' : out.op;
  // The fields the rules derive for their own operation (by, rank, status, against, move) only carry over when the model agrees on it.
  const same = op === r.op;
  const measure =
    op === 'status' || op === 'knowhow'
      ? null
      : op === 'propose'
        ? 'slack'
        : op === 'history'
          ? r.op === 'history'
            ? r.measure
            : out.measure === 'planned_staff'
              ? 'planned_staff'
              : 'decisions'
          : (out.measure ?? r.measure);
  if (measure === null && op !== 'status' && op !== 'knowhow' && op !== 'outside')
    throw aiError('AI_SCHEMA_INVALID', { ja: `操作 ${op} に指標がありません。`, en: `The operation ${op} has no measure.` });
  const candidate: AskQueryInput = {
    op,
    measure,
    ...resolved,
    // Hosts are read by the rules only (the model's schema stays small): a host is written as the logs write it.
    host: r.host,
    level: r.level,
    experience: r.experience,
    experienceUnder: r.experienceUnder,
    status: same && (op === 'list' || op === 'check') ? r.status : null,
    by: (same ? r.by : null) ?? out.by,
    time: r.time ?? out.time,
    rank: op === 'rank' ? ((same ? r.rank : null) ?? out.rank ?? { order: 'top', n: 1 }) : null,
    against: op === 'change' ? ((same ? r.against : null) ?? 'usual') : null,
    move: (op === 'whatif' || op === 'propose') && same ? r.move : null,
    // Read by the rules only, like the hosts: the model's schema stays small.
    notFrom: r.notFrom,
    from: op === 'propose' && same ? r.from : [],
    notWho: r.notWho,
    asks: r.asks,
    conditions: r.conditions,
  };
  const parsed = askQuerySchema.safeParse(candidate);
  if (!parsed.success)
    throw aiError(
      'AI_SCHEMA_INVALID',
      { ja: 'モデルの読み取りが問い合わせの形に合いません。', en: 'The model reading is not a valid query.' },
      parsed.error.message,
    );
  return { ...rules, query: fullQuery(parsed.data), confidence: out.confidence, alternatives: null };
}
