import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { COMPANY_TABLES } from '../api/companyTables.js';
import { refuseHiddenCharacters } from '../api/hiddenCharacter.js';
import { issueReason } from '../api/localizedIssue.js';
import { ConfigError } from './configError.js';
import { readConfigText } from './readConfigText.js';
import { PRIVATE_DIR_MODE, writePrivateFile } from './privateFile.js';
import { logsSchema } from './logsConfig.js';
import { identifier } from './sqlIdentifier.js';

/** The seed of the demo company that ships (resources/demo/company.json describes it). */
export const DEFAULT_DEMO_SEED = 20251023;

/** The demo company is the embedded source used whenever no MySQL is configured. */
const demoSourceSchema = z
  .object({
    kind: z.literal('demo'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(DEFAULT_DEMO_SEED),
  })
  .strict();

/** The company MySQL. The password is never here: it lives in the OS secret store. */
export const mysqlSourceSchema = z
  .object({
    kind: z.literal('mysql'),
    host: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[A-Za-z0-9.:_[\]-]+$/, 'not a host name'),
    port: z.number().int().min(1).max(65535).default(3306),
    database: z.string().regex(/^[A-Za-z0-9_$-]{1,64}$/, 'not a database name'),
    user: z.string().min(1).max(80),
    tls: z
      .object({
        enabled: z.boolean().default(false),
        rejectUnauthorized: z.boolean().default(true),
        caFile: z.string().min(1).max(1024).optional(),
      })
      .strict()
      .prefault({}),
    connectTimeoutMs: z.number().int().min(1000).max(120_000).default(10_000),
    queryTimeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
    /** The company's own SELECT and keyset columns per table, where its schema differs. */
    tables: z
      .partialRecord(z.enum(COMPANY_TABLES), z.object({ select: z.string().min(8).max(4000), watermark: z.array(identifier).min(1).max(3) }).strict())
      .prefault({}),
  })
  .strict();
export type MySqlSourceConfig = z.infer<typeof mysqlSourceSchema>;

/** A local time of day, "HH:MM". */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const configSchema = z
  .object({
    lang: z.enum(['ja', 'en']).default('ja'),
    /**
     * The manager's name as decisions record it (approval_history.action_user, 承認者名, at most
     * 100 characters as that column holds); null: the signed-in account of this machine. A file
     * edited by hand is held to Settings' rule: no control, bidi or broken characters.
     */
    approverName: z.string().trim().min(1).max(100).superRefine(refuseHiddenCharacters).nullable().default(null),
    /** IANA zone the company's DATETIME columns and working days are expressed in. */
    timeZone: z.string().min(1).max(64).refine(isKnownTimeZone, { message: 'unknown IANA time zone' }).default('Asia/Tokyo'),
    source: z.discriminatedUnion('kind', [demoSourceSchema, mysqlSourceSchema]).prefault({ kind: 'demo' }),
    logs: logsSchema.prefault({ kind: 'companyDatabase' }),
    sync: z
      .object({
        /** Progress snapshots and logs. */
        progressEverySeconds: z.number().int().min(10).max(3600).default(60),
        /** Locations, operators and skills. */
        mastersEveryMinutes: z.number().int().min(1).max(1440).default(10),
        batchSize: z.number().int().min(100).max(50_000).default(5000),
        /**
         * Each run re-reads this far back: rows committed out of order (a transaction that took
         * its id or change time earlier) are still taken. Longer than any transaction the
         * company's applications keep open.
         */
        lookbackMinutes: z.number().int().min(0).max(1440).default(15),
        /** Progress snapshots older than this are removed after a sync (those a decision or an open alert refers to stay). */
        keepSnapshotDays: z.number().int().min(1).max(3650).default(90),
      })
      .strict()
      .prefault({}),
    ai: z
      .object({
        /** GGUF files for the two roles; null: the manifest's default in <data folder>/models, if present. */
        intentModel: z.string().min(1).max(1024).nullable().default(null),
        answerModel: z.string().min(1).max(1024).nullable().default(null),
        /** An ONNX model folder for embeddings; null: the manifest's default, if present. */
        embeddingModel: z.string().min(1).max(1024).nullable().default(null),
        embeddingPrefix: z.enum(['auto', 'e5', 'ruri', 'none']).default('auto'),
        gpu: z.enum(['auto', 'off']).default('auto'),
        /** CPU threads for inference; null: the machine's math cores. */
        threads: z.number().int().min(1).max(256).nullable().default(null),
        contextSize: z.number().int().min(512).max(131_072).default(4096),
        idleUnloadMinutes: z.number().int().min(1).max(1440).default(10),
        requestTimeoutSeconds: z.number().int().min(5).max(3600).default(120),
        /** Memory models may use; null: what the OS reports free at load time. */
        memoryBudgetMb: z.number().int().min(64).max(1_048_576).nullable().default(null),
      })
      .strict()
      .prefault({}),
    alerts: z
      .object({
        everyMinutes: z.number().int().min(1).max(120).default(2),
        /** A condition that clears and comes back within this time reopens quietly (no new notification). */
        cooldownMinutes: z.number().int().min(0).max(1440).default(30),
        /** Delay risk: critical from this many minutes late. */
        criticalLateMinutes: z.number().int().min(1).max(600).default(15),
        /** Productivity drop: current speed below this share of the same hour's baseline. */
        productivityDropShare: z.number().min(0.1).max(0.95).default(0.7),
        /** Absence surge: today's absence at a site this many percentage points above the usual for the weekday (and half again). */
        absenceSurgePoints: z.number().min(1).max(100).default(5),
        /** Arrivals above the forecast: today's items above the P90 the forecast gave them. */
        arrivalsAboveForecast: z.boolean().default(true),
        /** Skill gap: the skill level that counts as qualified. */
        qualifiedSkill: z.number().int().min(1).max(5).default(3),
        /** Stale data: no successful sync for this many minutes. */
        staleMinutes: z.number().int().min(5).max(10_080).default(30),
        logAnomalies: z.boolean().default(true),
        /**
         * Which site a log host serves: a part of the host name (between - _ .) → a site name,
         * e.g. { "sapporo": "札幌" } for ocr-sapporo-01. Log incidents name their sites by it,
         * and are linked to those sites' speed.
         */
        hostSites: z.record(z.string().min(1).max(100), z.string().min(1).max(100)).prefault({}),
      })
      .strict()
      .prefault({}),
    placement: z
      .object({
        /** Skill level (1–5) an operator needs on the process to be moved there. */
        minSkill: z.number().int().min(1).max(5).default(3),
        /** 「納期20分前は3名以上移動」: within this many minutes of the deadline, move at least urgentMinMoves. */
        urgentWithinMinutes: z.number().int().min(0).max(480).default(20),
        urgentMinMoves: z.number().int().min(0).max(20).default(3),
        maxMoves: z.number().int().min(1).max(30).default(6),
        /** Minutes a moved operator needs before working on the new queue. */
        switchMinutes: z.number().min(0).max(60).default(2),
        /** A donor keeps this share of its own required speed in reserve. */
        donorReserveShare: z.number().min(0).max(1).default(0.1),
        /** 「エントリ工程は経験2年以上を優先」: processes starting with a prefix prefer this much experience. */
        preferredExperience: z
          .array(z.object({ processPrefix: z.string().min(1).max(50), months: z.number().int().min(0).max(600) }).strict())
          .max(50)
          .default([{ processPrefix: 'エントリ', months: 24 }]),
        /**
         * 「検証工程はスキルレベル4以上の担当者が最終確認を行う。応援のオペレータには検証の最終確認を任せない」: work on a
         * process starting with a prefix is checked by the site's own people at this level or above. The plan puts one of them
         * on it in every half day it is worked, and says where nobody of them is at work.
         */
        finalCheck: z
          .array(z.object({ processPrefix: z.string().min(1).max(50), level: z.number().int().min(1).max(5) }).strict())
          .max(50)
          .default([{ processPrefix: '検証', level: 4 }]),
        /** 「経験6か月未満のオペレータは拠点間の応援に出さない」: people with less experience than this on every process are not sent to help another site. */
        newcomerMonths: z.number().int().min(0).max(600).default(6),
        /** 「遅延時は近隣拠点から」: km between sites; missing pairs count as far. Empty: the demo company's table when it is the source. */
        distancesKm: z.record(z.string().min(1).max(50), z.record(z.string().min(1).max(50), z.number().min(0).max(50_000))).prefault({}),
        /** Names managers use for sites and processes: alias → canonical name. */
        aliases: z.record(z.string().min(1).max(50), z.string().min(1).max(50)).prefault({}),
      })
      .strict()
      .prefault({}),
    overview: z
      .object({
        /** Current speed is measured over this window of recent snapshots. */
        speedWindowMinutes: z.number().int().min(10).max(240).default(30),
        /** A process finishing less than this many minutes before its deadline is "at risk". */
        atRiskSlackMinutes: z.number().int().min(0).max(240).default(15),
      })
      .strict()
      .prefault({}),
    planning: z
      .object({
        /** The working day the plan fills, local "HH:MM": morning block start–lunch, afternoon block lunch end–end. */
        workday: z
          .object({ start: hhmm.default('09:00'), lunchStart: hhmm.default('12:00'), lunchEnd: hhmm.default('13:00'), end: hhmm.default('18:00') })
          .strict()
          .refine((d) => d.start < d.lunchStart && d.lunchStart <= d.lunchEnd && d.lunchEnd < d.end, { message: 'start < lunch start ≤ lunch end < end' })
          .prefault({}),
        /** Minutes a person may work in a day, overtime included (労働時間の上限). */
        maxWorkMinutes: z.number().int().min(60).max(960).default(600),
        /** Overtime a plan may give one person in a day, early and late together. */
        maxOvertimeMinutes: z.number().int().min(0).max(480).default(60),
        /** Overtime one person may work in a calendar month (the 36協定's standard limit is 45 hours): the chat says each person's share of it. */
        monthlyOvertimeLimitHours: z.number().int().min(1).max(100).default(45),
        /** The plan staffs for P50 plus this share of the way to P80 (0: the median, 1: P80). */
        bufferShare: z.number().min(0).max(1).default(0.5),
      })
      .strict()
      .prefault({}),
  })
  .strict();

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
  // Editors on Windows save UTF-8 with a byte-order mark: it is not part of the JSON.
  const json = text.replace(/^\uFEFF/, '');
  try {
    raw = JSON.parse(json);
  } catch (error) {
    const at = jsonErrorPosition(json, error);
    throw new ConfigError(
      'CONFIG_INVALID',
      {
        ja: `設定ファイル ${origin} が JSON として読めません${at ? `（${at.line} 行 ${at.column} 列）` : ''}。`,
        en: `The settings file ${origin} is not valid JSON${at ? ` (line ${at.line}, column ${at.column})` : ''}.`,
      },
      String(error),
    );
  }
  return validConfig(raw, origin);
}

/** Where JSON.parse stopped, as line and column (1-based), from the position in its message. */
function jsonErrorPosition(text: string, error: unknown): { line: number; column: number } | null {
  const m = /position (\d+)/.exec(String((error as Error).message ?? error));
  const pos = m ? Number(m[1]) : /Unexpected end of JSON input/.test(String(error)) ? text.length : null;
  if (pos === null) return null;
  const before = text.slice(0, pos).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/**
 * config.json as older releases wrote it, in today's words: logs.kind "source" is
 * "companyDatabase" (the logs in the company database's app_logs, beside the rest of its
 * data). The next change Genba writes to the file writes the new word.
 */
function migrateConfig(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const logs = (raw as { logs?: unknown }).logs;
  if (typeof logs !== 'object' || logs === null || (logs as { kind?: unknown }).kind !== 'source') return raw;
  return { ...raw, logs: { ...logs, kind: 'companyDatabase' } };
}

function validConfig(raw: unknown, origin: string): GenbaConfig {
  const result = configSchema.safeParse(migrateConfig(raw));
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
    const why = issueReason(issue);
    throw new ConfigError(
      'CONFIG_INVALID',
      {
        ja: `設定ファイル ${origin} の項目「${field}」が正しくありません: ${why.ja}`,
        en: `The settings file ${origin} has an invalid field "${field}": ${why.en}`,
      },
      result.error.message,
    );
  }
  return result.data;
}

/** Reads `<dataDir>/config.json`; a missing file means defaults. */
export function loadConfig(dataDir: string): GenbaConfig {
  const path = join(dataDir, CONFIG_FILE);
  const text = readConfigText(path);
  return text === null ? defaultConfig() : parseConfig(text, path);
}

/**
 * Writes atomically (temp file + rename) so a crash never leaves half a config, and returns
 * what was written. It writes over whatever is there: change the file with updateConfig.
 */
export function saveConfig(dataDir: string, config: GenbaConfig): GenbaConfig {
  const valid = validConfig(config, join(dataDir, CONFIG_FILE));
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const path = join(dataDir, CONFIG_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  writePrivateFile(tmp, `${JSON.stringify(valid, null, 2)}\n`);
  renameSync(tmp, path);
  return valid;
}
