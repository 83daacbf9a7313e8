import { describe, expect, it } from 'vitest';
import { importsOf, violations } from '../../helpers/importBoundaries.js';

describe('architecture boundaries', () => {
  it('main/ never imports electron, and renderer/ takes only types from main/', () => {
    expect(violations(process.cwd())).toEqual([]);
  });

  it('the check itself catches each kind of violation', () => {
    const bad = ["import { app } from 'electron';", "import {\n  createApp,\n} from '../../main/app';", "const x = await import('electron');"].join('\n');
    const specs = importsOf(bad).map((i) => `${i.specifier}:${i.typeOnly}`);
    expect(specs).toEqual(expect.arrayContaining(['electron:false', '../../main/app:false']));
    expect(importsOf("import type { Overview } from '../../main/api/types';")[0]?.typeOnly).toBe(true);
  });
});
