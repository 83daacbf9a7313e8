import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_MINER, type MinerOptions } from '../../main/logs/templateMiner.js';
import { parseCsv, scoreMining, type MinedScore } from './loghub.js';

/**
 * The log families helpers wrote without reading the miner: `logs-blind-42` (seven families, run
 * once for valueSpans, a development set since), `logs-blind-42b` (eight, run once for stateWords),
 * `logs-blind-63` (eight, ids that are not numbers and values over several tokens, run once for
 * issue 63's first value rules) and `logs-blind-63b` (eight, written after that run, run once for
 * the rules designed on it). Generated into `dir` (never committed), read in Loghub's layout.
 */
export type BlindLogSet = 'logs-blind-42' | 'logs-blind-42b' | 'logs-blind-63' | 'logs-blind-63b';
export const BLIND_LOG_SETS: readonly BlindLogSet[] = ['logs-blind-42', 'logs-blind-42b', 'logs-blind-63', 'logs-blind-63b'];

export function generateBlindLogs(dir: string, set: BlindLogSet = 'logs-blind-42'): string[] {
  const r = spawnSync(process.execPath, [resolve(`test/fixtures/${set}/generate.mjs`), dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`generate.mjs failed: ${r.stderr}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** One generated family mined as `genba logs parse` mines a file, scored against its ground truth. */
export function mineBlindFamily(dir: string, family: string, o: MinerOptions = DEFAULT_MINER): MinedScore {
  const rows = parseCsv(readFileSync(join(dir, family, `${family}_2k.log_structured_corrected.csv`), 'utf8'));
  const header = rows[0]!;
  const [ci, ei, ti] = ['Content', 'EventId', 'EventTemplate'].map((c) => header.indexOf(c));
  const data = rows.slice(1).filter((r) => r.length === header.length);
  return scoreMining(
    data.map((r) => r[ci!]!),
    data.map((r) => r[ei!]!),
    data.map((r) => r[ti!]!),
    o,
  );
}
