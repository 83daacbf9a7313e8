import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_MINER, type MinerOptions } from '../../main/logs/templateMiner.js';
import { parseCsv, scoreMining, type MinedScore } from './loghub.js';

/**
 * The log families a helper wrote for issue 42 without reading the miner
 * (test/fixtures/logs-blind-42): generated into `dir` (never committed), read in Loghub's
 * layout. Locked: run once at the end of issue 42 (README, "Log templates"); any run after
 * that is a development figure.
 */
export function generateBlindLogs(dir: string): string[] {
  const r = spawnSync(process.execPath, [resolve('test/fixtures/logs-blind-42/generate.mjs'), dir], { encoding: 'utf8' });
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
