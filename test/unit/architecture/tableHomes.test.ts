import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tempDir.js';

/**
 * The busy local tables, each with the one module that holds its SQL (ARCHITECTURE.md, "Why some files live where
 * they do"): every other file calls that module's functions, or composes the table expressions it exports.
 */
const HOMES: readonly { table: string; home: string }[] = [
  { table: 'progress_snapshots', home: 'main/store/progressSnapshots.ts' },
  { table: 'attendance_records', home: 'main/store/attendanceOfDay.ts' },
  { table: 'approval_outbox', home: 'main/store/approvalOutbox.ts' },
  { table: 'alerts', home: 'main/store/alertRows.ts' },
  { table: 'taught_words', home: 'main/store/taughtWords.ts' },
];

/**
 * Files that may name a busy table in SQL besides its home (a path ending in / is a folder), and why. A table's name as
 * an identifier in a list (the company tables, their columns, a data-changed event) is no SQL, and needs no exception.
 */
const EXCEPTIONS: readonly { path: string; tables: readonly string[] | 'all'; why: string }[] = [
  { path: 'main/store/migrations/', tables: 'all', why: 'the migrations create and change the tables' },
  {
    path: 'main/sync/tableSpecs.ts',
    tables: ['progress_snapshots', 'attendance_records'],
    why: "the default SELECT the sync sends to the company's database: the company's table, which the local one copies",
  },
  { path: 'main/sync/demo/demoLogCatalog.ts', tables: ['progress_snapshots'], why: "a demo log line's text (a slow query the demo's service logs), never run" },
];

/** The strings and the texts of the templates of a source, each with the line (1-based) of an offset in it. Comments are left out. */
function literalsOf(code: string, fileName = 'code.ts'): { text: string; lineAt: (offset: number) => number }[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true);
  const found: { text: string; lineAt: (offset: number) => number }[] = [];
  const visit = (node: ts.Node): void => {
    const literal =
      ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node);
    if (literal) {
      const start = node.getStart(source);
      const lineAt = (offset: number): number => source.getLineAndCharacterOfPosition(start + Math.max(0, offset)).line + 1;
      // A table expression declared for a query builder (`from: 'alerts'`, as the chat's measures are) is SQL too.
      const owner = ts.isTemplateHead(node) ? node.parent.parent : node.parent;
      const declaresTable =
        (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)) &&
        ts.isPropertyAssignment(owner) &&
        /^(from|join)$/i.test(owner.name.getText(source));
      if (declaresTable) found.push({ text: `FROM ${node.text}`, lineAt: (offset) => lineAt(offset - 5) });
      else found.push({ text: node.getText(source), lineAt });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * Where SQL in `code` names `table`: a FROM, JOIN, INTO, UPDATE or TABLE followed by the table's name (with a schema,
 * `main.` or `old.`, or quoted), in any case, inside a string or a template's text (across its lines too). Comments
 * are not read, nor code outside strings.
 */
function sqlNaming(code: string | ReturnType<typeof literalsOf>, table: string): { line: number; text: string }[] {
  const sql = new RegExp(`\\b(?:FROM|JOIN|INTO|UPDATE|TABLE(?:\\s+IF\\s+(?:NOT\\s+)?EXISTS)?)\\s+(?:\\w+\\.)?"?${table}\\b`, 'gi');
  return (typeof code === 'string' ? literalsOf(code) : code).flatMap((l) =>
    [...l.text.matchAll(sql)].map((m) => ({ line: l.lineAt(m.index), text: m[0].replace(/\s+/g, ' ') })),
  );
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|tsx|mts)$/.test(name) ? [path] : [];
  });
}

/** Each source file's literals, read once for the tables. */
const parsed = new Map<string, ReturnType<typeof literalsOf>>();

/** SQL naming `table` in main/ and electron/ under `root`, outside its home and the exceptions: `file:line: what`. */
function outsideHome(root: string, table: string, home: string): string[] {
  const excepted = (file: string): boolean =>
    file === home ||
    EXCEPTIONS.some((e) => (e.tables === 'all' || e.tables.includes(table)) && (e.path.endsWith('/') ? file.startsWith(e.path) : file === e.path));
  const found: string[] = [];
  for (const path of ['main', 'electron'].flatMap((dir) => sourceFiles(join(root, dir)))) {
    const file = relative(root, path).split('\\').join('/');
    if (excepted(file)) continue;
    if (!parsed.has(path)) parsed.set(path, literalsOf(readFileSync(path, 'utf8'), file));
    for (const hit of sqlNaming(parsed.get(path)!, table)) found.push(`${file}:${hit.line}: ${hit.text}`);
  }
  return found;
}

describe('one home per busy table', () => {
  it.each(HOMES)('SQL about $table is written in $home alone', ({ table, home }) => {
    expect(existsSync(join(process.cwd(), home))).toBe(true);
    expect(sqlNaming(readFileSync(join(process.cwd(), home), 'utf8'), table).length).toBeGreaterThan(0);
    expect(outsideHome(process.cwd(), table, home)).toEqual([]);
  });

  it('each exception names a file or folder that exists and says why', () => {
    for (const e of EXCEPTIONS) {
      expect(existsSync(join(process.cwd(), e.path)), e.path).toBe(true);
      expect(e.why.length, e.path).toBeGreaterThan(20);
    }
  });

  it('the check itself finds a planted query, one split across a template and any case, and passes prose and identifiers', () => {
    const code = [
      '// Rows from alerts go into alerts history: prose in a comment, not SQL.',
      '/* UPDATE alerts SET nothing: a comment too. */',
      "const table: string = 'alerts';",
      'const n = db.prepare(`SELECT COUNT(*) AS n',
      '  FROM',
      "    alerts WHERE status = 'open'`);",
      "db.prepare('delete from main.Alerts WHERE alert_id = ?');",
      "const other = 'SELECT * FROM alerts_archive';",
      'db.prepare(`SELECT * FROM ${table} JOIN "alerts" a ON a.site = ${site}`);',
      "const text = 'Alerts from the rules';",
      "const measure = { from: 'alerts', value: 'alert_id' };",
    ].join('\n');
    expect(sqlNaming(code, 'alerts')).toEqual([
      { line: 5, text: 'FROM alerts' },
      { line: 7, text: 'from main.Alerts' },
      { line: 9, text: 'JOIN "alerts' },
      { line: 11, text: 'FROM alerts' },
    ]);
    expect(sqlNaming(code, 'approval_outbox')).toEqual([]);
  });

  it('the check itself flags a planted query outside the home, and passes the home and an exception', () => {
    const dir = tempDir();
    const write = (path: string, text: string): void => {
      mkdirSync(dirname(join(dir.path, path)), { recursive: true });
      writeFileSync(join(dir.path, path), text);
    };
    try {
      write('main/store/alertRows.ts', 'export const open = (db) => db.prepare("SELECT * FROM alerts WHERE status = \'open\'").all();\n');
      write('main/store/migrations/001_alerts.ts', 'export const up = `CREATE TABLE IF NOT EXISTS alerts (alert_id INTEGER PRIMARY KEY)`;\n');
      write('main/chat/prose.ts', '/** How many alerts are open: read from alerts/alertService.ts. */\nexport const measure = "alerts";\n');
      write('main/alerts/bad.ts', "// Counts the open alerts.\nexport const n = (db) => db.prepare(`UPDATE\n  alerts SET status = 'resolved'`).run();\n");
      write('electron/tray.ts', "export const count = 'SELECT COUNT(*) FROM alerts';\n");
      expect(outsideHome(dir.path, 'alerts', 'main/store/alertRows.ts')).toEqual(['main/alerts/bad.ts:2: UPDATE alerts', 'electron/tray.ts:1: FROM alerts']);
    } finally {
      dir.remove();
    }
  });
});
