import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { csvField } from '../csv.js';
import { isWordValue, maskTokens, maskWithValues } from './maskTokens.js';
import type { ValueRule } from './valueRules.js';
import { renderTemplate } from './renderTemplate.js';
import type { MinedTemplate } from './minedTemplate.js';
import { DEFAULT_MINER, TemplateMiner, type MinerOptions } from './templateMiner.js';

/**
 * A file's bytes as spans of whole lines: read 1 MB at a time, each span `buf[0, end)` ends at a
 * line feed (the last one, at the end of the file, need not), an unfinished line is carried over
 * to the next read, and the buffer grows for a line longer than it. A span is valid until the
 * next is asked for.
 */
function* lineSpans(path: string): Generator<{ buf: Buffer; end: number; last: boolean }> {
  const fd = openSync(path, 'r');
  try {
    let buf = Buffer.alloc(1 << 20);
    let kept = 0; // bytes of an unfinished line carried over from the previous read
    for (;;) {
      if (kept === buf.length) {
        const grown = Buffer.alloc(buf.length * 2);
        buf.copy(grown, 0, 0, kept);
        buf = grown;
      }
      const n = readSync(fd, buf, kept, buf.length - kept, null);
      const end = kept + n;
      // At the end of the file the last line needs no line feed.
      const cut = n === 0 ? end : buf.lastIndexOf(10, end - 1) + 1;
      if (cut > 0) yield { buf, end: cut, last: n === 0 };
      if (n === 0) return;
      buf.copy(buf, 0, cut, end);
      kept = end - cut;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The lines of a file (a line feed ends a line; a CR before it is dropped). Each span of whole
 * lines is decoded in one call: a line feed is never inside a UTF-8 sequence, so no character is
 * cut, and a whole-span decode is several times faster than a streaming TextDecoder's (bench
 * `parse`: docs/bench/2026-11-26-log-parse-speed.md). Bytes that are not UTF-8 read as U+FFFD, as
 * TextDecoder reads them; a byte-order mark is not part of the first line.
 */
export function* readLines(path: string): Generator<string> {
  let first = true;
  for (const { buf, end, last } of lineSpans(path)) {
    let text = buf.toString('utf8', 0, end);
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      yield text.charCodeAt(nl - 1) === 13 && nl > start ? text.slice(start, nl - 1) : text.slice(start, nl);
      start = nl + 1;
    }
    if (last && start < text.length) yield text.endsWith('\r') ? text.slice(start, -1) : text.slice(start);
  }
}

/**
 * The lines of a file whose index `want` accepts, with their index; the others are only
 * counted, never decoded (the second pass of parseMessages needs one line in ten or so).
 * Line breaks as readLines reads them.
 */
export function* readLinesWhere(path: string, want: (index: number) => boolean): Generator<[number, string]> {
  let index = 0;
  const line = (b: Buffer, start: number, end: number): string => {
    const text = b.toString('utf8', start, end > start && b[end - 1] === 13 ? end - 1 : end);
    // As in readLines: a byte-order mark is not part of the first line.
    return index === 0 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  };
  for (const { buf, end, last } of lineSpans(path)) {
    let start = 0;
    for (let nl = buf.indexOf(10); nl >= 0 && nl < end; nl = buf.indexOf(10, start)) {
      if (want(index)) yield [index, line(buf, start, nl)];
      index++;
      start = nl + 1;
    }
    if (last && end > start && want(index)) yield [index, line(buf, start, end)];
  }
}

/** Per line, the template that covers it, and each template as the log wrote it. */
export interface ParsedMessages {
  /** Template id of each line, in order. */
  ids: Int32Array;
  /** Readable text of each template used (constants and separators from a member line). */
  text: Map<number, string>;
}

/**
 * Mines every message, refines, then gives each message the template that covers it: two
 * passes over `lines()`, so a file is never held in memory. Memory is the templates plus
 * 4 bytes per line; only lines whose template the refinement split are masked again.
 */
export function parseMessages(
  lines: () => Iterable<string>,
  o: MinerOptions = DEFAULT_MINER,
  emit?: (id: number, template: string) => void,
  linesWhere: (want: (index: number) => boolean) => Iterable<[number, string]> = (want) => indexed(lines(), want),
): ParsedMessages {
  const miner = new TemplateMiner(o);
  let ids = new Int32Array(1 << 16);
  let n = 0;
  for (const line of lines()) {
    if (n === ids.length) {
      const grown = new Int32Array(ids.length * 2);
      grown.set(ids);
      ids = grown;
    }
    const masked = maskWords(line, o.valuesOff);
    ids[n++] = miner.add(masked.tokens, masked.values, line).template.id;
  }
  const replaced = new Set(miner.refine());
  const byId = new Map(miner.templates.map((t) => [t.id, t]));
  // Second pass: lines of replaced templates find their new one (and tell it their values),
  // and each template keeps its first line, to be written as that line wrote it.
  // Only those lines are read again (a file's others are counted, not decoded).
  const samples = new Map<number, string>();
  const again = (i: number): boolean => i < n && (!byId.has(ids[i]!) || replaced.has(ids[i]!) || !samples.has(ids[i]!));
  for (const [i, line] of linesWhere(again)) {
    if (i >= n) break;
    let template: MinedTemplate | undefined = byId.get(ids[i]!);
    if (!template || replaced.has(ids[i]!)) {
      const masked = maskWords(line, o.valuesOff);
      template = miner.match(masked.tokens) ?? miner.add(masked.tokens, masked.values, line).template;
      miner.observe(template, masked.tokens, masked.values);
      ids[i] = template.id;
    }
    if (!samples.has(template.id)) samples.set(template.id, line);
  }
  // Rendered once every line is in: a template split by refine() knows by now which words it only ever held.
  const final = new Map(miner.templates.map((t) => [t.id, t]));
  const text = new Map<number, string>();
  for (const [id, sample] of samples) {
    const t = final.get(id);
    text.set(id, t ? renderTemplate(t.tokens, sample, t) : renderTemplate(maskTokens(sample), sample));
  }
  if (emit) for (let k = 0; k < n; k++) emit(ids[k]!, text.get(ids[k]!)!);
  return { ids: ids.subarray(0, n), text };
}

function* indexed(lines: Iterable<string>, want: (index: number) => boolean): Generator<[number, string]> {
  let i = 0;
  for (const line of lines) {
    if (want(i)) yield [i, line];
    i++;
  }
}

/** Masks a line, keeping only word values: only words can turn out constant (see renderTemplate), and numbers and addresses out of the value maps save a third of the mining time. */
function maskWords(line: string, valuesOff?: readonly ValueRule[]): { tokens: string[]; values: (string | null)[] } {
  const masked = maskWithValues(line, undefined, valuesOff);
  for (let k = 0; k < masked.values.length; k++) if (masked.values[k] !== null && !isWordValue(masked.values[k]!)) masked.values[k] = null;
  return masked;
}

/**
 * `genba logs parse`: every line of a file is one message. Writes `LineId,ClusterId,EventTemplate`
 * CSV to `out` as it goes (mode 600: log lines may hold what others should not read).
 */
export function parseLogFile(path: string, out: string, o: MinerOptions = DEFAULT_MINER): { lines: number; templates: number } {
  const fd = openSync(out, 'w', 0o600);
  try {
    // Bytes, not a string built by +=: each template's cell is encoded once, and a line is its
    // number and that cell copied into a 1 MB buffer (bench `parse`: docs/bench/2026-11-26-log-parse-speed.md).
    const buf = Buffer.allocUnsafe(1 << 20);
    let at = buf.write('LineId,ClusterId,EventTemplate\n', 0);
    let line = 0;
    const cells = new Map<number, Buffer>();
    const r = parseMessages(
      () => readLines(path),
      o,
      (id, template) => {
        let cell = cells.get(id);
        if (cell === undefined) {
          cell = Buffer.from(`,${id},${csvField(template)}\n`);
          cells.set(id, cell);
        }
        const number = String(++line);
        if (at + number.length + cell.length > buf.length) {
          writeSync(fd, buf, 0, at);
          at = 0;
          if (number.length + cell.length > buf.length) {
            // A cell longer than the buffer (a template of a huge line) goes out on its own.
            writeSync(fd, number);
            writeSync(fd, cell);
            return;
          }
        }
        at += buf.write(number, at, 'latin1');
        at += cell.copy(buf, at);
      },
      (want) => readLinesWhere(path, want),
    );
    writeSync(fd, buf, 0, at);
    return { lines: r.ids.length, templates: r.text.size };
  } finally {
    closeSync(fd);
  }
}
