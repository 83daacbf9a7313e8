/** Finds code in the core and the shell that picks a text by comparing a language code (ARCHITECTURE.md, "User-facing prose"). */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LANGS } from '../../main/api/localized.js';
import { sourceFiles } from './sourceFiles.js';

const codes = LANGS.join('|');
/**
 * `lang === 'ja'`, `'en' !== x`, `case 'ja':`: each makes one language the fallback of the
 * others, so a language added to `Lang` would silently read another's text. A text is a
 * `Localized` value picked with `localize(lang, …)` instead.
 */
const BRANCH = new RegExp(`[!=]==?\\s*(['"\`])(${codes})\\1|(['"\`])(${codes})\\3\\s*[!=]==?|\\bcase\\s+(['"\`])(${codes})\\5\\s*:`);

/** Every line of main/ and electron/ under `root` that branches on a language code, as `path:line: text`. */
export function languageBranches(root: string, dirs: readonly string[] = ['main', 'electron']): string[] {
  const found: string[] = [];
  for (const dir of dirs) {
    for (const file of sourceFiles(join(root, dir))) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (BRANCH.test(line)) found.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
        });
    }
  }
  return found;
}
