/** Scans source files for imports that cross the layers of DESIGN.md. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(name) ? [path] : [];
  });
}

interface Import {
  statement: string;
  specifier: string;
  typeOnly: boolean;
}

/** Every import/export-from statement (multi-line ones included) and dynamic import(). */
export function importsOf(code: string): Import[] {
  const out: Import[] = [];
  for (const m of code.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"`;]*?from\s+['"]([^'"]+)['"]/gms)) {
    out.push({ statement: m[0].trim(), specifier: m[3]!, typeOnly: Boolean(m[2]) });
  }
  for (const m of code.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) out.push({ statement: m[0].trim(), specifier: m[1]!, typeOnly: false });
  for (const m of code.matchAll(/\b(import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({ statement: m[0], specifier: m[2]!, typeOnly: false });
  return out;
}

export function violations(root: string): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(join(root, 'main'))) {
    for (const i of importsOf(readFileSync(file, 'utf8'))) {
      if (i.specifier === 'electron' || i.specifier.startsWith('electron/')) found.push(`${relative(root, file)} imports electron`);
    }
  }
  for (const file of sourceFiles(join(root, 'renderer'))) {
    for (const i of importsOf(readFileSync(file, 'utf8'))) {
      const fromMain = /(^|\/)main\//.test(i.specifier) && i.specifier.startsWith('.');
      if (fromMain && !i.typeOnly) found.push(`${relative(root, file)} imports runtime code from main/: ${i.statement}`);
      if (i.specifier === 'electron' || i.specifier.startsWith('node:')) found.push(`${relative(root, file)} imports ${i.specifier}`);
    }
  }
  return found;
}
