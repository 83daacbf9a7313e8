/** Scans source files for imports that cross the layers of the architecture (ARCHITECTURE.md). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

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
      if (fromMain && !i.typeOnly && !isPlainContractData(root, file, i.specifier))
        found.push(`${relative(root, file)} imports runtime code from main/: ${i.statement}`);
      if (i.specifier === 'electron' || i.specifier.startsWith('node:')) found.push(`${relative(root, file)} imports ${i.specifier}`);
    }
  }
  return found;
}

/**
 * Whether a renderer import names a file of main/api/ that imports nothing at run time but other
 * such files: plain data of the contract (the intent labels, `Localized`, how figures are written),
 * which the renderer may bundle.
 */
function isPlainContractData(root: string, from: string, specifier: string, seen = new Set<string>()): boolean {
  const target = resolveSource(from, specifier);
  if (target === null || relative(join(root, 'main', 'api'), target).startsWith('..')) return false;
  if (seen.has(target)) return true;
  seen.add(target);
  // Its runtime imports, if any, are plain contract data of main/api too (englishCount.ts writes rates with figures.ts).
  return importsOf(readFileSync(target, 'utf8')).every((i) => i.typeOnly || isPlainContractData(root, target, i.specifier, seen));
}

/**
 * The layers of main/, bottom first. A file may import from its own group, or from a group
 * in a lower layer: never upwards, and never sideways between two groups of one layer.
 * A group is a folder of main/ or a file at its root; cli.ts and cli/ are one group.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['api'],
  ['errors.ts', 'median.ts', 'workerThreads.ts', 'highsSolver.ts', 'csv.ts'],
  ['config', 'applog', 'apiError.ts'],
  ['store'],
  ['ai', 'forecast'],
  ['logs', 'knowledge', 'placement', 'plan'],
  ['alerts', 'diagnostics'],
  // One layer, so neither imports the other: the assistant records decisions, the sync delivers them (their types: store/decisionRecord.ts).
  ['sync', 'chat'],
  ['statusInfo.ts', 'genbaApp.ts'],
  ['app.ts'],
  ['handlerTable.ts'],
  ['cli'],
];

/** The group of a path relative to main/ (null: outside main/). */
function groupOf(pathInMain: string): string | null {
  if (pathInMain.startsWith('..')) return null;
  // Sources import each other as `./x.js`: the group of a root file is its .ts name.
  const first = pathInMain.split(/[\\/]/)[0]!.replace(/\.js$/, '.ts');
  return first === 'cli.ts' ? 'cli' : first;
}

const rankOf = (group: string): number => LAYERS.findIndex((layer) => layer.includes(group));

/** Why an import from `from` to `to` (both relative to main/) goes against the layers; null when it does not. */
export function layerViolation(from: string, to: string): string | null {
  const a = groupOf(from);
  const b = groupOf(to);
  if (a === null || b === null || a === b) return null;
  const [ra, rb] = [rankOf(a), rankOf(b)];
  if (ra < 0) return `${a} is in no layer`;
  if (rb < 0) return `${b} is in no layer`;
  if (rb === ra) return `${a} imports ${b} of the same layer`;
  return rb > ra ? `${a} imports ${b} of a higher layer` : null;
}

/** Every import in main/ that goes against the layers, type-only imports included. */
export function directionViolations(root: string): string[] {
  const main = join(root, 'main');
  const found: string[] = [];
  for (const file of sourceFiles(main)) {
    for (const i of importsOf(readFileSync(file, 'utf8'))) {
      if (!i.specifier.startsWith('.')) continue;
      const target = resolve(dirname(file), i.specifier);
      const why = layerViolation(relative(main, file), relative(main, target));
      if (why) found.push(`${relative(root, file)}: ${why} (${i.specifier})`);
    }
  }
  return found;
}

/** The source file a relative specifier names (`./x.js` is `./x.ts` in the sources); null when none. */
function resolveSource(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.(m?js|jsx)$/, '');
  for (const candidate of [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, join(base, 'index.ts')]) {
    if (/\.(ts|tsx|mts)$/.test(candidate) && existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * Import cycles between source files, each as its files in order. Type-only imports count
 * too: erased at run time, they still tie the two files together (a shared type belongs in
 * a file of its own).
 */
export function importCycles(root: string, dirs: readonly string[] = ['main', 'electron', 'renderer']): string[][] {
  const graph = new Map<string, string[]>();
  for (const dir of dirs) {
    if (!existsSync(join(root, dir))) continue;
    for (const file of sourceFiles(join(root, dir))) {
      const targets = importsOf(readFileSync(file, 'utf8'))
        .filter((i) => i.specifier.startsWith('.'))
        .map((i) => resolveSource(file, i.specifier))
        .filter((t): t is string => t !== null);
      graph.set(file, targets);
    }
  }
  // Tarjan's strongly connected components: every component of two or more files is a cycle.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(relative(root, w));
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}
