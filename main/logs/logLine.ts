import { sqlDatetimeToEpoch } from '../config/sqlDatetime.js';

export interface ParsedLogLine {
  ts: number;
  level: string;
  message: string;
  service: string | null;
  host: string | null;
  trace_id: string | null;
}

const LEVEL = /\b(TRACE|DEBUG|INFO|NOTICE|WARN(?:ING)?|ERROR|ERR|FATAL|CRIT(?:ICAL)?|SEVERE)\b/i;
const LEADING_TS = /^\[?(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:[.,](\d{1,6}))?(Z|[+-]\d{2}:?\d{2})?\]?/;
const TRACE = /\btrace[_-]?id[=:]\s*"?([0-9A-Za-z-]{8,64})/i;

function normalizeLevel(raw: string | undefined): string {
  const l = (raw ?? '').toUpperCase();
  if (l.startsWith('WARN')) return 'WARN';
  if (l === 'ERR' || l === 'FATAL' || l.startsWith('CRIT') || l === 'SEVERE') return 'ERROR';
  if (l === 'TRACE') return 'DEBUG';
  if (l === 'NOTICE') return 'INFO';
  return ['DEBUG', 'INFO', 'ERROR'].includes(l) ? l : 'INFO';
}

function parseTime(text: string, timeZone: string): number | null {
  const m = LEADING_TS.exec(text.trim());
  if (!m) return null;
  const local = `${m[1]} ${m[2]}${m[3] ? `.${m[3]}` : ''}`;
  if (!m[4]) return sqlDatetimeToEpoch(local, timeZone);
  const ms = Date.parse(`${m[1]}T${m[2]}${m[3] ? `.${m[3].slice(0, 3)}` : ''}${m[4] === 'Z' ? 'Z' : m[4].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`);
  return Number.isNaN(ms) ? null : ms;
}

/** Longest message kept from a log file line; the rest is cut with a note of the full length. */
export const MAX_MESSAGE_CHARS = 64 * 1024;

/** A runaway line (a dumped payload, a minified stack) is stored cut, never refused. */
export function capMessage(message: string): string {
  return message.length <= MAX_MESSAGE_CHARS ? message : `${message.slice(0, MAX_MESSAGE_CHARS)} …[${message.length} chars]`;
}

/**
 * One line of a log file, JSON or plain text, with no per-format parser: the time and
 * level are found where logs usually put them; the message keeps the whole line (up to
 * MAX_MESSAGE_CHARS).
 */
export function parseLogLine(line: string, timeZone: string, fallbackTs: number): ParsedLogLine {
  const parsed = parseLine(line, timeZone, fallbackTs);
  return { ...parsed, message: capMessage(parsed.message) };
}

function parseLine(line: string, timeZone: string, fallbackTs: number): ParsedLogLine {
  if (line.startsWith('{')) {
    try {
      const j = JSON.parse(line) as Record<string, unknown>;
      const str = (...keys: string[]): string | null => {
        for (const k of keys) if (typeof j[k] === 'string' || typeof j[k] === 'number') return String(j[k]);
        return null;
      };
      const t = str('ts', 'time', 'timestamp', '@timestamp', 'date');
      const ts = t === null ? null : /^\d{12,}$/.test(t) ? Number(t) : parseTime(t, timeZone);
      return {
        ts: ts ?? fallbackTs,
        level: normalizeLevel(str('level', 'severity', 'lvl') ?? undefined),
        message: str('message', 'msg', 'text') ?? line,
        service: str('service', 'app', 'logger'),
        host: str('host', 'hostname'),
        trace_id: str('trace_id', 'traceId', 'trace'),
      };
    } catch {
      // not JSON after all: treat as text
    }
  }
  return {
    ts: parseTime(line, timeZone) ?? fallbackTs,
    level: normalizeLevel(LEVEL.exec(line)?.[1]),
    message: line,
    service: null,
    host: null,
    trace_id: TRACE.exec(line)?.[1] ?? null,
  };
}
