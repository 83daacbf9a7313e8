import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../main/app.js';
import { ASK_OPS } from '../../main/api/askQuery.js';
import { evaluateAsk, parseAskCases, type AskCase } from '../../main/chat/query/queryEval.js';
import { scoreAnswers } from '../../main/chat/query/figureScore.js';
import { tempDir } from '../helpers/tempDir.js';

const ANCHOR = '2025-10-23T15:40:00+09:00';
const SETS = join(import.meta.dirname, '..', 'fixtures', 'ask');
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const p95 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

/**
 * Reading requests as queries (docs/ask-query.md) on the demo company: the open development
 * set (written by helper sessions, tuned on) beside the earlier locked set (locked.jsonl, run at
 * the end of an earlier change and measured at least five times since: a development set), exact and per field, per phrasing
 * pattern and leaving one operation out; the figure set's answers; then the time of a whole
 * answer per operation, in-process, and of `genba ask` as one process. The locked set of issue 39
 * (locked-39.jsonl) is never run here: a locked set is run once.
 */
export async function askQueryBench(record: (name: string, value: string) => void): Promise<void> {
  const dir = tempDir('genba-bench-ask-');
  try {
    const app = createApp({ dataDir: dir.path, now: Date.parse(ANCHOR) });
    await app.start();
    await app.assistant.prepare();
    const read = (q: string, ops?: readonly (typeof ASK_OPS)[number][]) => app.assistant.readQuery(q, ops).query;
    const load = (f: string): AskCase[] => parseAskCases(readFileSync(join(SETS, f), 'utf8'));
    const open = [...load('dev-ja.jsonl'), ...load('dev-en.jsonl')];
    const locked = load('locked.jsonl');
    const [o, l] = [evaluateAsk(open, read), evaluateAsk(locked, read)];
    record('requests: open / locked.jsonl (measured often since: a development set)', `${open.length} / ${locked.length}`);
    record('exact query: open / locked.jsonl', `${pct(o.all.exact)} / ${pct(l.all.exact)}`);
    for (const f of ['op', 'measure', 'site', 'by', 'time'] as const) record(`  ${f}: open / locked`, `${pct(o.all.fields[f])} / ${pct(l.all.fields[f])}`);
    for (const p of o.perPattern) {
      const lp = l.perPattern.find((x) => x.pattern === p.pattern);
      record(`  pattern ${p.pattern}: exact open / locked`, `${pct(p.exact)} (${p.n}) / ${lp ? `${pct(lp.exact)} (${lp.n})` : '—'}`);
    }
    for (const p of o.leaveOneOpOut) record(`  leave out ${p.op}: read as outside / as another op (open)`, `${pct(p.honest)} / ${pct(p.wrongOp)}`);

    // The figure set (open, with SQL-derived figures): the query read, and the figures each answer states.
    const figureSet = load('figures.jsonl');
    const fq = evaluateAsk(figureSet, read);
    const fa = await scoreAnswers(figureSet, (q) => app.assistant.ask(q));
    const share = (x: number, n: number): string => pct(n === 0 ? 0 : x / n);
    record('figure set: lines / exact query', `${figureSet.length} / ${pct(fq.all.exact)}`);
    record(
      'figure set: figures found / lines all right',
      `${share(fa.figures.found, fa.figures.expected)} (${fa.figures.found}/${fa.figures.expected}) / ${share(fa.lines.allRight, fa.lines.withFigures)}`,
    );
    for (const g of fa.perLang) record(`  figure set ${g.key}: figures found`, `${share(g.found, g.expected)} (${g.lines} lines)`);
    for (const g of fa.perOp) record(`  figure set ${g.key}: figures found`, `${share(g.found, g.expected)} (${g.lines} lines)`);
    record('figure set: stored without being asked', `${fa.storesViolations.length} of ${fa.storesChecked}`);

    // A whole answer per operation, in-process, no models: p95 over the open set's requests of that operation.
    for (const op of ASK_OPS) {
      const qs = open.filter((c) => c.query.op === op).map((c) => c.q);
      // An operation the open set has no request for yet (history) is said, not timed.
      if (qs.length === 0) {
        record(`answer p95 in-process: ${op}`, 'no request of the open set');
        continue;
      }
      const times: number[] = [];
      for (let round = 0; round < 2; round++)
        for (const q of qs) {
          const t = performance.now();
          await app.assistant.ask(q);
          times.push(performance.now() - t);
        }
      record(`answer p95 in-process: ${op}`, `${p95(times).toFixed(1)} ms (${qs.length} requests × 2)`);
    }
    await app.stop();

    // `genba ask` as one process, as a manager runs it: wall time of the built CLI (no models), with the machine's load beside it.
    const cli = join(import.meta.dirname, '..', '..', 'bin', 'genba.mjs');
    if (!existsSync(join(import.meta.dirname, '..', '..', 'out', 'cli', 'cli.mjs')))
      record('genba ask wall (one process)', 'not built: run npm run build first');
    else
      for (const q of ['札幌の残件は何件？', '大阪と品川はどっちが進んでる？', '札幌のエントリ1が遅れてる、誰を回せばいい？']) {
        const walls: number[] = [];
        for (let i = 0; i < 5; i++) {
          const t = performance.now();
          const r = spawnSync(process.execPath, [cli, 'ask', q, '--data-dir', dir.path, '--now', ANCHOR], { encoding: 'utf8' });
          walls.push(performance.now() - t);
          if (r.status !== 0) throw new Error(`genba ask failed: ${r.stderr}`);
        }
        walls.sort((a, b) => a - b);
        record(
          `genba ask wall (one process): ${q}`,
          `p50 ${(walls[2]! / 1000).toFixed(2)} s (target ≤ 0.5 s idle), max ${(walls[4]! / 1000).toFixed(2)} s (load ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`,
        );
      }
  } finally {
    dir.remove();
  }
}
