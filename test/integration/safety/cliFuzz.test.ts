import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { runGenba } from '../../helpers/genbaCli.js';
import { storeDigest } from '../../helpers/storeDigest.js';
import { tempDir } from '../../helpers/tempDir.js';

const genba = (dataDir: string, args: string[]) => runGenba([...args, '--data-dir', dataDir]);

describe('CLI fuzz: hostile arguments to every command', () => {
  const dir = tempDir();
  const data = join(dir.path, 'data');
  beforeAll(async () => {
    // The whole demo, logs and templates too, as its first build leaves it (status alone would build the first screen only).
    await copyDemoStore(data);
    expect(genba(data, ['logs', 'templates']).code).toBe(0);
    mkdirSync(join(dir.path, 'folder.md'));
    writeFileSync(join(dir.path, 'not-a-db.sqlite'), 'hello');
    writeFileSync(join(dir.path, 'binary.md'), Buffer.from([0xff, 0xfe, 0xfd, 0x00]));
  }, 120_000);
  afterAll(() => dir.remove());

  // [arguments, expected exit code]: 2 for a usage error, 1 for a refused operation.
  const CASES: [string[], 1 | 2][] = [
    [['frobnicate'], 2],
    [['status', '--bogus'], 2],
    [['status', '--now', 'yesterday'], 2],
    [['status', '--lang', 'fr'], 2],
    [['status', 'extra'], 2],
    [['status', '--fix'], 2],
    [['demo', '--once'], 2],
    [['logs', 'search', 'x', '--k', '0'], 2],
    [['logs', 'search', 'x', '--k', '1e9'], 2],
    [['logs', 'ingest', '/nonexistent/x.log'], 1],
    [['alerts', 'explode'], 2],
    [['ask'], 2],
    [['ask', 'x'.repeat(3000)], 2],
    [['approve'], 2],
    [['approve', "SGT' OR 1=1 --"], 2],
    [['approve', 'SGT20251023-DEADBEEF'], 1],
    [['modify', 'SGT20251023-DEADBEEF', '--reason', 'x'], 2],
    [['modify', 'SGT20251023-DEADBEEF', '--keep', 'a,b'], 2],
    [['reject', 'SGT20251023-DEADBEEF', 'SGT20251023-DEADBEEE'], 2],
    [['knowledge', 'add'], 2],
    [['knowledge', 'add', '/etc/shadow'], 1],
    [['knowledge', 'add', '/dev/zero'], 1],
    [['knowledge', 'add', 'FOLDER'], 1],
    [['knowledge', 'add', 'BINARY'], 1],
    [['knowledge', 'remove', '-1'], 2],
    [['knowledge', 'remove', '99999'], 1],
    [['knowledge', 'frob'], 2],
    [['knowledge', 'search'], 2],
    [['backup'], 2],
    [['restore', '/nonexistent.sqlite'], 1],
    [['restore', 'NOTADB'], 1],
    [['doctor', '--reset'], 2],
    [['approvals', 'extra'], 2],
    [['models', 'import', '/nonexistent.gguf'], 1],
    [['sync', '--source', 'ftp://x'], 2],
  ];

  it('ends each with a short message and its exit code, no stack trace, and no change to the store', () => {
    const before = storeDigest(data);
    const sub = (a: string): string =>
      a === 'FOLDER' ? join(dir.path, 'folder.md') : a === 'BINARY' ? join(dir.path, 'binary.md') : a === 'NOTADB' ? join(dir.path, 'not-a-db.sqlite') : a;
    for (const [args, code] of CASES) {
      const r = genba(data, args.map(sub));
      expect(r.code, `genba ${args.join(' ').slice(0, 60)}: ${r.stderr}`).toBe(code);
      expect(r.stderr).toMatch(/^genba: \S/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(storeDigest(data)).toEqual(before);
    console.log(`CLI fuzz: ${CASES.length} command lines, crashes 0, store unchanged (${before.rows} rows)`);
  }, 300_000);
});
