import {
  CHAR_ANGLE,
  CHAR_AT,
  CHAR_BRACKET,
  CHAR_COLON,
  CHAR_COMMA,
  CHAR_DIGIT,
  CHAR_DOT,
  CHAR_HYPHEN,
  CHAR_PAREN,
  CHAR_QUOTE,
  CHAR_SLASH,
  CHAR_X,
} from './maskChars.js';

/**
 * A masking instruction: a named shape of variable text. Masks are data, injected into
 * maskWithValues (as Drain3 keeps its masking instructions), so a deployment can add or
 * reorder them without touching the tokenizer.
 */
export interface NamedMask {
  name: string;
  pattern: RegExp;
  /**
   * A cheap test the text must pass for the pattern to match at all (a few characters
   * every match contains): a line that fails it skips the pattern's scan. Optional; only a
   * speed-up (masking is most of the mining time), and wrong if it can fail where the
   * pattern matches.
   */
  hint?: RegExp;
  /**
   * A cheaper test still: the CHAR_* bits of characters every match holds (one bit stands
   * for `/` or a backslash). A line that lacks one skips the mask without a scan; a line's
   * characters are noted once for all masks. Optional, a speed-up like `hint`.
   */
  needs?: number;
  /**
   * The match's first and last characters (its quotes) stay text, and only what is between them is the value: a
   * template keeps `"<*>"` where a line had a quoted phrase.
   */
  inner?: boolean;
  /** Whether a match is masked (all are, without it); a match left as text is still passed over whole. */
  when?: (found: string, at: number, text: string) => boolean;
}

/** The units a duration is written in after its number (`12 ms`, `3 sec`, `2 hr`, `5 minutes`). */
const TIME_UNITS = 'ms|µs|us|ns|sec|secs|s|min|mins|h|hr|hrs';

// Order matters: the most specific shapes first (a URL contains a path and a host:port).
export const DEFAULT_MASKS: readonly NamedMask[] = [
  { name: 'url', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, hint: /:\/\//, needs: CHAR_COLON | CHAR_SLASH },
  { name: 'email', pattern: /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, hint: /@/, needs: CHAR_AT | CHAR_DOT },
  {
    name: 'uuid',
    pattern: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
    hint: /-[0-9a-f]{4}-/i,
    needs: CHAR_HYPHEN,
  },
  {
    // syslog and ctime dates
    name: 'textual_date',
    pattern:
      /\b(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\s+\d{1,2},?\s+(?:\d{4}\s+)?\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s+\d{4})?\b/g,
    hint: /Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec/,
    needs: CHAR_DIGIT,
  },
  {
    name: 'date',
    pattern: /\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g,
    hint: /[-/.]\d{1,2}[-/.]/,
    needs: CHAR_DIGIT,
  },
  { name: 'time', pattern: /\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g, hint: /\d:\d\d:/, needs: CHAR_COLON | CHAR_DIGIT },
  { name: 'ipv4', pattern: /\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b/g, hint: /\d\.\d{1,3}\.\d/, needs: CHAR_DOT | CHAR_DIGIT },
  // An IPv6 address written in brackets with its port (a URL's authority) is one endpoint: `[2001:db8::1]:443`.
  { name: 'ipv6_endpoint', pattern: /\[[0-9a-f]{0,4}(?::{1,2}[0-9a-f]{1,4}){1,7}\]:\d{1,5}\b/gi, hint: /\]:\d/, needs: CHAR_COLON | CHAR_DIGIT | CHAR_BRACKET },
  // Groups of hex digits joined by colons, `::` (groups of zeros left out) included: `2001:db8:eecb:66ac::de85` is one address.
  { name: 'ipv6', pattern: /\b[0-9a-f]{1,4}(?:::?[0-9a-f]{1,4}){2,7}\b/gi, hint: /:[0-9a-f]{1,4}:/i, needs: CHAR_COLON },
  { name: 'path', pattern: /(?:[A-Za-z]:)?(?:[\\/][\w.$~@+-]+){2,}[\\/]?/g, hint: /[/\\]/, needs: CHAR_SLASH },
  { name: 'host_port', pattern: /\b[\w-]+(?:\.[\w-]+)+:\d{1,5}\b/g, hint: /\.[\w-]+:\d/, needs: CHAR_DOT | CHAR_COLON | CHAR_DIGIT },
  // A file or program named with its extension is a value: `chrome.exe`, `result.json`, `scan_0012.tif`.
  {
    name: 'file_name',
    pattern:
      /\b[\w-]+(?:\.[\w-]+)*\.(?:exe|dll|sys|jar|war|py|sh|bat|cmd|ps1|msi|pdf|tiff?|png|jpe?g|gif|csv|tsv|xlsx?|docx?|json|xml|ya?ml|log|txt|zip|gz|tar|parquet)\b/gi,
    hint: /\.(?:exe|dll|sys|jar|war|py|sh|bat|cmd|ps1|msi|pdf|tif|png|jp|gif|csv|tsv|xls|doc|json|xml|ya?ml|log|txt|zip|gz|tar|parquet)/i,
    needs: CHAR_DOT,
  },
  { name: 'hex', pattern: /\b0x[0-9a-f]+\b/gi, hint: /0x[0-9a-f]/i, needs: CHAR_X | CHAR_DIGIT },
  // A bound: a comparison sign written onto a number is part of the value (`<1 sec` as `5 sec`, `>=3`).
  {
    name: 'bound',
    pattern: new RegExp(`(?<![\\w<>=!.-])[<>]=?\\d+(?:\\.\\d+)?(?:\\s?(?:${TIME_UNITS})\\b)?`, 'g'),
    hint: /[<>]=?\d/,
    needs: CHAR_DIGIT | CHAR_ANGLE,
  },
  { name: 'duration', pattern: new RegExp(`\\b\\d+(?:\\.\\d+)?\\s?(?:${TIME_UNITS})\\b`, 'g'), hint: /\d\s?[mµunsh]/, needs: CHAR_DIGIT },
  // A size restated in parentheses in another unit is one value: `1,234 bytes (1.2 KB)`. A size alone keeps its unit as a
  // word (`512 bytes`: the template reads `<*> bytes`), and a template never splits on its units (templateMiner.ts).
  {
    name: 'size',
    pattern: /\b\d[\d,]*(?:\.\d+)?\s?(?:bytes|byte|[KMGTP]i?B|kB|B)\b\s\(\d[\d,]*(?:\.\d+)?\s?(?:bytes|byte|[KMGTP]i?B|kB|B)\)/g,
    hint: /\d\s?(?:byte|[KMGTP]i?B|kB|B\b)[^(]*\(/,
    needs: CHAR_DIGIT | CHAR_PAREN,
  },
  // A number written with thousands separators is one number (`12,345` as `999`).
  { name: 'grouped_number', pattern: /\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b/g, hint: /\d,\d\d\d/, needs: CHAR_DIGIT | CHAR_COMMA },
  // A quoted phrase (white space inside the quotes) is one value: a request line, a user agent, a stage's name, a
  // reason. Last, so it takes in what the masks before it found inside. A single quote must stand apart from letters
  // (an apostrophe is no quote). Not the message's own words: a phrase that opens the line (klog writes its message
  // first, in quotes) or that is the `msg=` / `message=` of a line in key=value form (logfmt).
  {
    name: 'quoted_phrase',
    // Every quoted string is matched, left to right, so quotes pair as written; only a phrase is masked.
    pattern: /"[^"\n]*"|(?<![\w'])'[^'\n]*'(?![\w'])/g,
    hint: /["'][^"'\n]*\s/,
    needs: CHAR_QUOTE,
    inner: true,
    when: (found, at, text) => /\s/.test(found) && !/^\s*$/.test(text.slice(0, at)) && !/\b(?:msg|message)=$/.test(text.slice(Math.max(0, at - 8), at)),
  },
];
