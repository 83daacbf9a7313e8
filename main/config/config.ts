import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './configError.js';

/** The demo company is the embedded source used whenever no MySQL is configured. */
const demoSourceSchema = z.object({
  kind: z.literal('demo'),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(20251023),
}).strict();

export const configSchema = z.object({
  lang: z.enum(['ja', 'en']).default('ja'),
  /** IANA zone the company's DATETIME columns and working days are expressed in. */
  timeZone: z.string().min(1).max(64).refine(isKnownTimeZone, { message: 'unknown IANA time zone' }).default('Asia/Tokyo'),
  source: demoSourceSchema.default({ kind: 'demo', seed: 20251023 }),
  overview: z.object({
    /** Current speed is measured over this window of recent snapshots. */
    speedWindowMinutes: z.number().int().min(10).max(240).default(30),
    /** A process finishing less than this many minutes before its deadline is "at risk". */
    atRiskSlackMinutes: z.number().int().min(0).max(240).default(15),
  }).strict().default({ speedWindowMinutes: 30, atRiskSlackMinutes: 15 }),
}).strict();

export type GenbaConfig = z.infer<typeof configSchema>;

export const CONFIG_FILE = 'config.json';

export function defaultConfig(): GenbaConfig {
  return configSchema.parse({});
}

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Parses config JSON text; a bad file names the field so the manager can fix it. */
export function parseConfig(text: string, origin: string): GenbaConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('CONFIG_INVALID', {
      ja: `設定ファイル ${origin} が JSON として読めません。`,
      en: `The settings file ${origin} is not valid JSON.`,
    }, String(error));
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
    const why = issue?.message ?? 'invalid';
    throw new ConfigError('CONFIG_INVALID', {
      ja: `設定ファイル ${origin} の項目「${field}」が正しくありません: ${why}`,
      en: `The settings file ${origin} has an invalid field "${field}": ${why}`,
    }, result.error.message);
  }
  return result.data;
}

/** Reads `<dataDir>/config.json`; a missing file means defaults. */
export function loadConfig(dataDir: string): GenbaConfig {
  const path = join(dataDir, CONFIG_FILE);
  if (!existsSync(path)) return defaultConfig();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError('CONFIG_UNREADABLE', {
      ja: `設定ファイル ${path} を読み込めません。`,
      en: `Cannot read the settings file ${path}.`,
    }, String(error));
  }
  return parseConfig(text, path);
}

/** Writes atomically (temp file + rename) so a crash never leaves half a config. */
export function saveConfig(dataDir: string, config: GenbaConfig): void {
  const valid = configSchema.parse(config);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, CONFIG_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}
