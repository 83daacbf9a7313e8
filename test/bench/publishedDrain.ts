import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BLIND_LOG_SETS, generateBlindLogs, mineBlindFamily } from '../helpers/blindLogs.js';
import { groupingAccuracy, loadLoghub, LOGHUB_SYSTEMS, mineLoghub, parseCsv, parsingAccuracy } from '../helpers/loghub.js';
import { tempDir } from '../helpers/tempDir.js';
import { f3, gaPa, mean, type Record, type Score } from './logParsing.js';

/**
 * The Loghub-2.0 benchmark's Drain from ../shared/peers/lh2-drain on one message per line: with a Loghub system's name, its
 * published regexes and settings; without, the published defaults for a system it has none for. Its groups and templates,
 * or null when it cannot run here (needs python3-regex, python3-pandas and python3-numpy).
 */
function lh2Drain(messages: string[], dir: string, system?: string): { ids: string[]; templates: string[] } | null {
  const script = [resolve('..', 'shared', 'peers', 'lh2-drain', 'run.py'), '/work/shared/peers/lh2-drain/run.py'].find((p) => existsSync(p));
  if (!script || !existsSync('/usr/bin/python3')) return null;
  if (spawnSync('/usr/bin/python3', ['-c', 'import regex, pandas, numpy'], { encoding: 'utf8' }).status !== 0) return null;
  const [file, out] = [join(dir, 'lh2-in.log'), join(dir, 'lh2-out.csv')];
  writeFileSync(file, `${messages.join('\n')}\n`);
  const r = spawnSync('/usr/bin/python3', [script, file, out, ...(system ? [system] : [])], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`lh2-drain failed: ${r.stderr.slice(-500)}`);
  const rows = parseCsv(readFileSync(out, 'utf8')).slice(1);
  return { ids: rows.map((x) => x[1]!), templates: rows.map((x) => x[2]!) };
}

/** Genba's and the published Drain's GA / PA on one set of messages, and whether Genba falls below it. */
function besidePublished(
  record: Record,
  name: string,
  genba: Score,
  peer: { ids: string[]; templates: string[] } | null,
  events: string[],
  templates: string[],
): number | null {
  if (!peer) {
    record(`  ${name}`, `${gaPa(genba)} | skipped: apt-get install python3-regex python3-pandas python3-numpy`);
    return null;
  }
  const ga = groupingAccuracy(peer.ids, events);
  const pa = parsingAccuracy(peer.templates, templates);
  record(`  ${name}`, `${gaPa(genba)} | ${gaPa({ ga, pa })}${genba.ga < ga - 0.005 ? `  ← Genba below by ${f3(ga - genba.ga)}` : ''}`);
  return ga;
}

/**
 * Issue 63: the Loghub-2.0 benchmark's Drain beside Genba on every shared Loghub system (with the system's published
 * settings, an advantage Genba with one configuration does not take) and every generated family (its defaults), GA / PA.
 */
export function publishedDrain(record: Record): void {
  const dir = tempDir('genba-bench-lh2-');
  try {
    record("log parsing: Genba | the Loghub-2.0 benchmark's Drain (lh2-drain), GA / PA", '');
    const rows: [number, number | null][] = [];
    for (const s of LOGHUB_SYSTEMS) {
      const { content, events, templates } = loadLoghub(s);
      const genba = mineLoghub(s);
      rows.push([genba.ga, besidePublished(record, `${s} (its published settings)`, genba, lh2Drain(content, dir.path, s), events, templates)]);
    }
    const both = rows.filter((r): r is [number, number] => r[1] !== null);
    if (both.length > 0) record('  mean of the shared systems', `${f3(mean(both.map((r) => r[0])))} | ${f3(mean(both.map((r) => r[1])))}`);
    for (const set of BLIND_LOG_SETS) {
      const fam = join(dir.path, set);
      const families = generateBlindLogs(fam, set);
      const scores: [number, number | null][] = [];
      for (const f of families) {
        const rowsF = parseCsv(readFileSync(join(fam, f, `${f}_2k.log_structured_corrected.csv`), 'utf8'));
        const header = rowsF[0]!;
        const [ci, ei, ti] = ['Content', 'EventId', 'EventTemplate'].map((c) => header.indexOf(c));
        const data = rowsF.slice(1).filter((r) => r.length === header.length);
        const genba = mineBlindFamily(fam, f);
        const peer = lh2Drain(
          data.map((r) => r[ci!]!),
          dir.path,
        );
        scores.push([
          genba.ga,
          besidePublished(
            record,
            `${set}/${f} (defaults)`,
            genba,
            peer,
            data.map((r) => r[ei!]!),
            data.map((r) => r[ti!]!),
          ),
        ]);
      }
      const ok = scores.filter((r): r is [number, number] => r[1] !== null);
      if (ok.length > 0) record(`  mean of ${set}`, `${f3(mean(ok.map((r) => r[0])))} | ${f3(mean(ok.map((r) => r[1])))}`);
    }
  } finally {
    dir.remove();
  }
}
