import { readFileSync } from 'node:fs';
import { maskTokens } from './maskTokens.js';
import { templateText } from './templateText.js';
import { TemplateMiner } from './templateMiner.js';

/**
 * RFC 4180: quote when needed, double the quotes inside. A cell that starts like a formula
 * (= + - @, tab, CR) gets a leading apostrophe, so a spreadsheet shows it instead of running it.
 */
export function csvField(value: string | number): string {
  const raw = String(value);
  const s = typeof value === 'string' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * `genba logs parse`: every line of a file is one message; mines all of them, refines,
 * then gives each line the template that covers it. Returns `LineId,ClusterId,EventTemplate` CSV.
 */
export function parseLogFile(path: string): { csv: string; lines: number; templates: number } {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const miner = new TemplateMiner();
  const tokens = lines.map(maskTokens);
  const online = tokens.map((t) => miner.add(t).template);
  miner.refine();
  const rows = ['LineId,ClusterId,EventTemplate'];
  const used = new Set<number>();
  tokens.forEach((t, i) => {
    const template = miner.match(t) ?? online[i]!;
    used.add(template.id);
    rows.push(`${i + 1},${template.id},${csvField(templateText(template.tokens))}`);
  });
  return { csv: `${rows.join('\n')}\n`, lines: lines.length, templates: used.size };
}
