import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { directionViolations, importCycles, importsOf, layerViolation, violations } from '../../helpers/importBoundaries.js';
import { tempDir } from '../../helpers/tempDir.js';

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

  it('imports in main/ point down the layers only: config and api, store, the capabilities, then app and cli', () => {
    expect(directionViolations(process.cwd())).toEqual([]);
  });

  it('the direction check itself catches an import upwards, sideways, or from a folder in no layer', () => {
    expect(layerViolation('sync/syncJob.ts', 'store/openStore.js')).toBeNull();
    expect(layerViolation('store/companyRepository.ts', 'sync/companyRows.js')).toBe('store imports sync of a higher layer');
    expect(layerViolation('logs/ingestLogFiles.ts', 'knowledge/chunkDocument.js')).toBe('logs imports knowledge of the same layer');
    expect(layerViolation('newThing/x.ts', 'store/openStore.js')).toBe('newThing is in no layer');
    expect(layerViolation('cli/logsCommand.ts', 'cli.js')).toBeNull();
    const dir = tempDir();
    try {
      mkdirSync(join(dir.path, 'main', 'store'), { recursive: true });
      writeFileSync(join(dir.path, 'main', 'store', 'bad.ts'), "import type { SyncJob } from '../sync/syncJob.js';\n");
      expect(directionViolations(dir.path)).toEqual(['main/store/bad.ts: store imports sync of a higher layer (../sync/syncJob.js)']);
    } finally {
      dir.remove();
    }
  });

  it('chat/ imports nothing from sync/, nor sync/ from chat/: the check catches a planted import, type-only included', () => {
    expect(directionViolations(process.cwd()).filter((v) => /(chat imports sync|sync imports chat)/.test(v))).toEqual([]);
    expect(layerViolation('chat/assistantService.ts', 'sync/demo/demoDefinition.js')).toBe('chat imports sync of the same layer');
    expect(layerViolation('sync/outbox.ts', 'chat/proposalStore.js')).toBe('sync imports chat of the same layer');
    expect(layerViolation('chat/proposalStore.ts', 'store/decisionRecord.js')).toBeNull();
    const dir = tempDir();
    try {
      mkdirSync(join(dir.path, 'main', 'chat'), { recursive: true });
      writeFileSync(join(dir.path, 'main', 'chat', 'bad.ts'), "import type { DecisionRecord } from '../sync/syncSource.js';\n");
      expect(directionViolations(dir.path)).toEqual(['main/chat/bad.ts: chat imports sync of the same layer (../sync/syncSource.js)']);
    } finally {
      dir.remove();
    }
  });

  it('no source files import each other in a circle, type-only imports included', () => {
    expect(importCycles(process.cwd())).toEqual([]);
  });

  it('the cycle check itself finds a planted cycle, and one made of type-only imports', () => {
    const dir = tempDir();
    try {
      mkdirSync(join(dir.path, 'main'), { recursive: true });
      writeFileSync(join(dir.path, 'main', 'a.ts'), "import { b } from './b.js';\nexport const a = (): number => b;\n");
      writeFileSync(join(dir.path, 'main', 'b.ts'), "import { c } from './c.js';\nexport const b = 1;\nexport const d = c;\n");
      writeFileSync(join(dir.path, 'main', 'c.ts'), "import { a } from './a.js';\nimport type { T } from './t.js';\nexport const c = a;\n");
      writeFileSync(join(dir.path, 'main', 't.ts'), "import type { c } from './c.js';\nexport type T = typeof c;\n");
      expect(importCycles(dir.path)).toEqual([['main/a.ts', 'main/b.ts', 'main/c.ts', 'main/t.ts']]);
      // Types only, as cli.ts and cli/* were: the command files took CliIo from cli.ts, which imports them.
      mkdirSync(join(dir.path, 'renderer', 'cli'), { recursive: true });
      writeFileSync(join(dir.path, 'renderer', 'cli.ts'), "import type { Run } from './cli/run.js';\nexport type Io = { out: string; run: Run };\n");
      writeFileSync(join(dir.path, 'renderer', 'cli', 'run.ts'), "import type { Io } from '../cli.js';\nexport type Run = (io: Io) => number;\n");
      expect(importCycles(dir.path, ['renderer'])).toEqual([['renderer/cli.ts', 'renderer/cli/run.ts']]);
    } finally {
      dir.remove();
    }
  });
});
