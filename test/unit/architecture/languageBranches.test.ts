import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { LANGS } from '../../../main/api/localized.js';
import { languageBranches } from '../../helpers/languageBranches.js';
import { violations } from '../../helpers/importBoundaries.js';
import { sourceFiles } from '../../helpers/sourceFiles.js';
import { tempDir } from '../../helpers/tempDir.js';

/** Functions of main/ and electron/ under `root` that take a text as one parameter per language (`f(ja, en)`) instead of one `Localized`. */
function positionalTexts(root: string): string[] {
  const found: string[] = [];
  for (const file of ['main', 'electron'].flatMap((dir) => sourceFiles(join(root, dir)))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node)) {
        const names = node.parameters.map((p) => p.name.getText(source));
        if (LANGS.every((lang) => names.includes(lang))) {
          found.push(`${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}: (${names.join(', ')})`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('user text in the core', () => {
  it('no function of main/ or electron/ takes a text as positional (ja, en) strings: one Localized is the one way', () => {
    expect(positionalTexts(process.cwd())).toEqual([]);
  });

  it('the check itself finds a planted (ja, en) signature, an arrow one included, and passes a Localized parameter', () => {
    const dir = tempDir();
    try {
      mkdirSync(join(dir.path, 'main', 'cli'), { recursive: true });
      mkdirSync(join(dir.path, 'electron'), { recursive: true });
      writeFileSync(
        join(dir.path, 'main', 'cli', 'bad.ts'),
        [
          'export function usageError(ja: string, en: string) {}',
          'const mk = (code: string, ja: string, en: string) => ({ code, text: { ja, en } });',
          'export function good(text: Localized) {}',
        ].join('\n'),
      );
      writeFileSync(join(dir.path, 'electron', 'ok.ts'), 'const x = ({ ja, en }: Localized) => ja + en;\n');
      expect(positionalTexts(dir.path)).toEqual(['main/cli/bad.ts:1: (ja, en)', 'main/cli/bad.ts:2: (code, ja, en)']);
    } finally {
      dir.remove();
    }
  });

  it('no source of main/ or electron/ picks a text by comparing a language code: texts are Localized and picked with localize()', () => {
    expect(languageBranches(process.cwd())).toEqual([]);
  });

  it('the check itself finds a planted comparison, either way round and in a switch, and passes localize()', () => {
    const dir = tempDir();
    try {
      mkdirSync(join(dir.path, 'main', 'cli'), { recursive: true });
      mkdirSync(join(dir.path, 'electron'), { recursive: true });
      writeFileSync(
        join(dir.path, 'main', 'cli', 'bad.ts'),
        [
          "const a = lang === 'ja' ? '開く' : 'Open';",
          "const b = localize(lang, { ja: '開く', en: 'Open' });",
          'if ("en" !== o.lang) x();',
          "const c = '--lang=en';",
        ].join('\n'),
      );
      writeFileSync(join(dir.path, 'electron', 'bad.ts'), "switch (lang) {\n  case 'en':\n    break;\n}\n");
      expect(languageBranches(dir.path).sort()).toEqual([
        "electron/bad.ts:2: case 'en':",
        "main/cli/bad.ts:1: const a = lang === 'ja' ? '開く' : 'Open';",
        'main/cli/bad.ts:3: if ("en" !== o.lang) x();',
      ]);
    } finally {
      dir.remove();
    }
  });

  it('the renderer may take plain data of main/api/ at run time (the intent labels), never code that imports more', () => {
    const dir = tempDir();
    try {
      mkdirSync(join(dir.path, 'main', 'api'), { recursive: true });
      mkdirSync(join(dir.path, 'renderer', 'src'), { recursive: true });
      writeFileSync(
        join(dir.path, 'main', 'api', 'labels.ts'),
        "import type { Localized } from './localized.js';\nexport const L: Localized = { ja: 'a', en: 'b' };\n",
      );
      writeFileSync(join(dir.path, 'main', 'api', 'contract.ts'), "import { z } from 'zod';\nexport const S = z.string();\n");
      writeFileSync(join(dir.path, 'main', 'app.ts'), 'export const app = 1;\n');
      writeFileSync(
        join(dir.path, 'renderer', 'src', 'View.tsx'),
        ["import { L } from '../../main/api/labels';", "import { S } from '../../main/api/contract'", "import { app } from '../../main/app';"].join('\n'),
      );
      expect(violations(dir.path)).toEqual([
        "renderer/src/View.tsx imports runtime code from main/: import { S } from '../../main/api/contract'",
        "renderer/src/View.tsx imports runtime code from main/: import { app } from '../../main/app'",
      ]);
    } finally {
      dir.remove();
    }
  });
});
