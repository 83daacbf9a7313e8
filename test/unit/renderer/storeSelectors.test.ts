import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/**
 * zustand v5 compares a selector's result by identity: a selector that builds a new object
 * or array on every call (`?? {}`, `.map(…)`) makes each render see a change, the render loop
 * its docs warn about. Such a selector must be wrapped in useShallow, or fall back to a
 * constant declared once.
 */
function freshSelectors(code: string): string[] {
  const found: string[] = [];
  for (const m of code.matchAll(/useAppStore\(\s*\(?\s*\w+\s*\)?\s*=>([\s\S]*?)\);/g)) {
    if (/\?\?\s*(\{\s*\}|\[\s*\])|^\s*\(\{|^\s*\[|\.(map|filter|slice|concat)\(|\[\.\.\./.test(m[1]!)) found.push(m[0]);
  }
  return found;
}

describe('renderer store selectors', () => {
  it('finds a selector that returns a new object on each call', () => {
    expect(freshSelectors('const names = useAppStore((s) => s.overview?.businessNames ?? {});')).toHaveLength(1);
    expect(freshSelectors('const ids = useAppStore((s) => s.alerts.map((a) => a.id));')).toHaveLength(1);
    expect(freshSelectors('const ids = useAppStore(\n  (state) =>\n    state.overview?.sites ?? [],\n);')).toHaveLength(1);
    expect(freshSelectors('const x = useAppStore(useShallow((s) => s.overview?.sites.map((x) => x.site) ?? []));')).toHaveLength(0);
    expect(freshSelectors('const names = useAppStore((s) => s.overview?.businessNames ?? NO_NAMES);')).toHaveLength(0);
  });

  it('no component selects a value built anew on each call', () => {
    const found = sources(join(ROOT, 'renderer')).flatMap((f) => freshSelectors(readFileSync(f, 'utf8')).map((s) => `${relative(ROOT, f)}: ${s}`));
    expect(found).toEqual([]);
  });
});
