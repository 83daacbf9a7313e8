import { DEFAULT_MASKS } from '../logs/maskTokens.js';

/**
 * The masks the log store applies itself: those whose patterns mean the same in RE2
 * (ClickHouse) as in JavaScript (ASCII classes and word boundaries only). They come from
 * Genba's own mask list, so the two never drift apart.
 */
const SERVER_MASKS = ['email', 'uuid', 'hex'];

const literal = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * SQL for a message's shape: Genba's server-safe masks, each replaced by a marker, then
 * every digit by 0. Two messages of one shape differ only in masked values and in digit
 * values, never in length, word boundaries or character classes, which is all Genba's
 * tokenizer looks at: they mine to the same template (the sync checks it on two members of
 * every group). A marker is \u0001 and a letter; a \u0001 already in the text is doubled
 * first, so a marker never equals text.
 */
export function shapeSql(message: string): string {
  let sql = `replaceAll(${message}, '\u0001', '\u0001\u0001')`;
  for (const name of SERVER_MASKS) {
    const mask = DEFAULT_MASKS.find((m) => m.name === name)!;
    const flags = mask.pattern.flags.includes('i') ? '(?i)' : '';
    sql = `replaceRegexpAll(${sql}, ${literal(flags + mask.pattern.source)}, ${literal(`\u0001${name[0]}`)})`;
  }
  return `replaceRegexpAll(${sql}, '[0-9]', '0')`;
}
