import Database from 'better-sqlite3';
import { existsSync, openSync, readFileSync, readdirSync, statSync, truncateSync, writeFileSync, writeSync, closeSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../../main/api/doctorTypes.js';
import { createAppLog, redact } from '../../../main/applog/appLog.js';
import { MAX_MESSAGE_CHARS } from '../../../main/logs/logLine.js';
import { runGenba } from '../../helpers/genbaCli.js';
import { tempDir } from '../../helpers/tempDir.js';

const ANCHOR = '2025-10-23T15:40+09:00';
const genba = (dataDir: string, ...args: string[]) => runGenba([...args, '--data-dir', dataDir]);

describe('data safety: backups, doctor and recovery of a damaged data folder', () => {
  const dir = tempDir();
  const data = join(dir.path, 'data');
  beforeAll(() => {
    expect(genba(data, 'logs', 'templates').code).toBe(0); // builds the demo company and the log index
    expect(genba(data, 'knowledge', 'search', '納期').code).toBe(0); // and the know-how index
  }, 180_000);
  afterAll(() => dir.remove());

  it('creates the data folder private to its owner', () => {
    expect(statSync(data).mode & 0o777).toBe(0o700);
    expect(statSync(join(data, 'logs')).mode & 0o777).toBe(0o700);
  });

  it('names a corrupted database page and a truncated index, then recovers from the last backup without losing later decisions', () => {
    const backup = join(data, 'backups', 'genba-20251022-120000.sqlite');
    const b = genba(data, 'backup', backup);
    expect(b.code).toBe(0);
    expect(existsSync(backup)).toBe(true);
    // A decision made after the backup: it must survive the restore.
    const ask = JSON.parse(genba(data, 'ask', '札幌のエントリ1工程が遅延しています', '--json', '--now', ANCHOR).stdout) as { proposal: { id: string } };
    expect(genba(data, 'approve', ask.proposal.id, '--now', ANCHOR).code).toBe(0);

    const index = join(data, 'index', 'log-templates.hnsw');
    truncateSync(index, Math.floor(statSync(index).size / 2));
    const fd = openSync(join(data, 'genba.sqlite'), 'r+');
    writeSync(fd, Buffer.alloc(3000, 0xa5), 0, 3000, 4096 * 2000 + 100); // inside a b-tree page
    closeSync(fd);

    const damaged = genba(data, 'doctor', '--json');
    expect(damaged.code).toBe(1);
    const report = JSON.parse(damaged.stdout) as DoctorReport;
    const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    expect(byId.database).toMatchObject({ status: 'error' });
    expect(byId.database!.summary).toContain('壊れています');
    expect(byId.database!.fix).toContain(`genba restore "${backup}"`);
    expect(byId.index).toMatchObject({ status: 'warning' });
    expect(byId.index!.summary).toContain('log-templates.hnsw');
    expect(genba(data, 'status').code).toBe(1); // the app refuses the damaged store and says what to do

    const fixed = genba(data, 'doctor', '--fix', '--json');
    expect(fixed.code).toBe(0);
    const r = JSON.parse(fixed.stdout) as { actions: string[]; after: DoctorReport };
    expect(r.actions.join('\n')).toContain('そのまま移しました');
    expect(r.after.ok).toBe(true);
    expect(r.after.checks.find((c) => c.id === 'index')!.status).toBe('ok');
    expect(readdirSync(data).some((f) => f.startsWith('genba.sqlite.before-restore-'))).toBe(true); // the damaged file is kept
    const approvals = JSON.parse(genba(data, 'approvals', '--json').stdout) as { suggestionId: string }[];
    expect(approvals.map((a) => a.suggestionId)).toContain(ask.proposal.id);
    expect(genba(data, 'ask', '札幌のエントリ1工程が遅延しています', '--now', ANCHOR).code).toBe(0);
  }, 180_000);

  it('refuses to restore a file that is not an intact Genba database, and leaves the store alone', () => {
    const junk = join(dir.path, 'junk.sqlite');
    writeFileSync(junk, 'SQLite format 3\u0000 but not really');
    const before = statSync(join(data, 'genba.sqlite')).mtimeMs;
    const r = genba(data, 'restore', junk);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('復元に使えません');
    expect(statSync(join(data, 'genba.sqlite')).mtimeMs).toBe(before);
  });

  it('warns about a folder others can read, and fixes it', () => {
    chmodSync(data, 0o755);
    const r = JSON.parse(genba(data, 'doctor', '--json').stdout) as DoctorReport;
    expect(r.checks.find((c) => c.id === 'data_dir')).toMatchObject({ status: 'warning' });
    expect(genba(data, 'doctor', '--fix').code).toBe(0);
    expect(statSync(data).mode & 0o777).toBe(0o700);
  });

  it('stores hostile log lines safely: 1 MB lines cut, invalid UTF-8 replaced, NUL and escapes kept as data', () => {
    const file = join(dir.path, 'hostile.log');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(`2025-10-23 15:30:00 ERROR hostile-marker ${'A'.repeat(1024 * 1024)}\n`),
        Buffer.from('2025-10-23 15:30:01 ERROR hostile-marker bad bytes '),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from('\n'),
        Buffer.from('2025-10-23 15:30:02 WARN hostile-marker nul \u0000 esc \u001b[31m red <img src=x onerror=alert(1)>\n'),
      ]),
    );
    expect(genba(data, 'logs', 'ingest', file).code).toBe(0);
    const db = new Database(join(data, 'genba.sqlite'), { readonly: true });
    const rows = db.prepare("SELECT message FROM app_logs WHERE message LIKE '%hostile-marker%' ORDER BY ts").all() as { message: string }[];
    db.close();
    expect(rows).toHaveLength(3);
    expect(rows[0]!.message.length).toBeLessThan(MAX_MESSAGE_CHARS + 40);
    expect(rows[0]!.message).toMatch(/…\[\d+ chars\]$/);
    expect(rows[1]!.message).toContain('\ufffd');
    expect(rows[2]!.message).toContain('\u0000');
    expect(rows[2]!.message).toContain('<img src=x onerror=alert(1)>');
    expect(genba(data, 'logs', 'templates').code).toBe(0);
  });
});

describe('the app log', () => {
  it('never holds passwords or full connection strings, and rotates', () => {
    const dir = tempDir();
    try {
      const log = createAppLog(dir.path, Date.now, 2000);
      log.error('connect failed mysql://genba:s3cret@db.example:3306/company', 'Access denied (using password: YES) password=hunter2');
      for (let i = 0; i < 40; i++) log.info(`line ${i} ${'x'.repeat(100)}`);
      const files = readdirSync(join(dir.path, 'logs')).sort();
      expect(files).toEqual(['genba.log', 'genba.log.1', 'genba.log.2', 'genba.log.3']);
      const all = files.map((f) => readFileSync(join(dir.path, 'logs', f), 'utf8')).join('');
      expect(all).not.toMatch(/s3cret|hunter2|db\.example|genba:/);
      expect(statSync(join(dir.path, 'logs', 'genba.log')).mode & 0o777).toBe(0o600);
      expect(redact('mysql://u:p@h:1/db')).toBe('mysql://***/db');
    } finally {
      dir.remove();
    }
  });
});
