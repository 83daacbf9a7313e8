import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve('.');
const PAGES = [
  'README.md',
  'ARCHITECTURE.md',
  'CHANGELOG.md',
  ...readdirSync('docs', { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f)),
];

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

const anchorsOf = (file: string): Set<string> =>
  new Set(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => /^#{1,6} /.test(l))
      .map((l) => slug(l.replace(/^#+ /, ''))),
  );

/** Every markdown link of a page that points into the repository (not a web address). */
function relativeLinks(page: string): string[] {
  const text = readFileSync(page, 'utf8').replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((url) => !/^[a-z]+:/i.test(url));
}

describe('the documentation: a short front door, and every link resolves', () => {
  it('keeps the README a front door of at most 200 lines', () => {
    expect(readFileSync('README.md', 'utf8').split('\n').length).toBeLessThanOrEqual(200);
  });

  it('links every page at the top of docs/ from the README', () => {
    const linked = new Set(relativeLinks('README.md').map((url) => relative(ROOT, resolve(url.split('#')[0]!))));
    expect(PAGES.filter((p) => dirname(p) === 'docs' && !linked.has(p))).toEqual([]);
  });

  it('reaches every page (docs/bench/ records, the changelog) from the README, link by link', () => {
    const reached = new Set(['README.md']);
    const next = ['README.md'];
    for (let page = next.pop(); page !== undefined; page = next.pop()) {
      for (const url of relativeLinks(page)) {
        const target = relative(ROOT, resolve(dirname(page), url.split('#')[0]!));
        if (target.endsWith('.md') && existsSync(target) && !reached.has(target)) {
          reached.add(target);
          next.push(target);
        }
      }
    }
    expect(PAGES.filter((p) => !reached.has(p))).toEqual([]);
  });

  it.each(PAGES)('%s: each relative link names a file (and a heading) that exists', (page) => {
    const broken = relativeLinks(page).filter((url) => {
      const [path, anchor] = url.split('#') as [string, string | undefined];
      const target = path === '' ? page : join(dirname(page), path);
      if (!existsSync(target)) return true;
      return anchor !== undefined && target.endsWith('.md') && !anchorsOf(target).has(anchor);
    });
    expect(broken).toEqual([]);
  });
});
