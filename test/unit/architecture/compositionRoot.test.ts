import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const APP = readFileSync(join(import.meta.dirname, '../../../main/app.ts'), 'utf8');

/**
 * What a condition of the composition root may read: an optional part of the app's options
 * (`options.x`, wired in or left out), and the store handle's own answer to whether this is
 * the start that opens it (`store.open()`: start() runs once). Anything else is a decision on
 * data, which belongs to the service that owns the data.
 */
const WIRING_CONDITION = /^!?(?:options\.\w+|store\.open\(\))$/;

/** Names whose use is a behaviour of its own: reading the time, timers, arithmetic helpers. */
const CLOCK_AND_MATH = new Set(['Date', 'performance', 'setTimeout', 'setInterval', 'setImmediate', 'Math']);

const SQL = /\b(?:SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA)\b/;

/** Operators that compute or compare figures (`!` and `void` are not among them; `??` and `&&`/`||` are checked as conditions). */
const ARITHMETIC = new Set([
  ts.SyntaxKind.PlusToken,
  ts.SyntaxKind.MinusToken,
  ts.SyntaxKind.AsteriskToken,
  ts.SyntaxKind.AsteriskAsteriskToken,
  ts.SyntaxKind.SlashToken,
  ts.SyntaxKind.PercentToken,
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.GreaterThanEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.PlusEqualsToken,
  ts.SyntaxKind.MinusEqualsToken,
  ts.SyntaxKind.AsteriskEqualsToken,
  ts.SyntaxKind.SlashEqualsToken,
  ts.SyntaxKind.PercentEqualsToken,
]);

/**
 * The composition root only builds services and says how they connect: a behaviour (an event
 * rule, a decision on data, a figure computed, the time read, an operation with its own text or
 * error) belongs to the service that owns it, where it can be found and tested. These are the
 * signs that one has crept back in; each is named with its line.
 */
function rootProblems(code: string): string[] {
  const source = ts.createSourceFile('app.ts', code, ts.ScriptTarget.Latest, true);
  const problems: string[] = [];
  const at = (node: ts.Node, what: string): void => {
    problems.push(`${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}: ${what}`);
  };
  const text = (node: ts.Node): string => node.getText(source).replace(/\s+/g, ' ');

  // The module holds imports, re-exported types and the functions that build the app: no state, nothing run on import.
  for (const s of source.statements) {
    const allowed =
      ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isFunctionDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isInterfaceDeclaration(s);
    if (!allowed) at(s, `a statement at the top level: ${text(s).slice(0, 40)}`);
  }

  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclarationList(node) && (node.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) !== ts.NodeFlags.Const)
      at(node, 'state of its own (let or var)');
    else if (ts.isIfStatement(node) && !WIRING_CONDITION.test(text(node.expression))) at(node, `a decision: if (${text(node.expression)})`);
    else if (ts.isConditionalExpression(node)) at(node, `a decision: ${text(node.condition)} ? …`);
    else if (ts.isSwitchStatement(node)) at(node, 'a decision: switch');
    else if (ts.isIterationStatement(node, false)) at(node, 'a loop');
    else if (ts.isTryStatement(node) || ts.isThrowStatement(node)) at(node, `error handling of its own (${ts.isTryStatement(node) ? 'try' : 'throw'})`);
    else if (ts.isNewExpression(node) && /Error$/.test(text(node.expression))) at(node, 'an error of its own');
    else if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (ARITHMETIC.has(op)) at(node, `arithmetic or a comparison: ${text(node)}`);
      else if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) at(node, `a decision: ${text(node)}`);
      else if (op === ts.SyntaxKind.QuestionQuestionToken && !/^options\.\w+$/.test(text(node.left)))
        at(node, `a default that is not an optional part: ${text(node)}`);
    } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && node.operator !== ts.SyntaxKind.ExclamationToken)
      at(node, `arithmetic: ${text(node)}`);
    else if (ts.isNumericLiteral(node) || ts.isBigIntLiteral(node)) at(node, `a figure of its own: ${node.text}`);
    else if (ts.isIdentifier(node) && CLOCK_AND_MATH.has(node.text)) at(node, `the time or arithmetic: ${node.text}`);
    else if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)) && SQL.test(node.text))
      at(node, `SQL: ${node.text.slice(0, 20)}`);
    else if (ts.isPropertyAccessExpression(node) && node.name.text === 'on' && /^events$/.test(text(node.expression))) at(node, 'an event rule (events.on)');
    else if (ts.isPropertyAssignment(node) && ['ja', 'en'].includes(node.name.getText(source))) at(node, `user text: ${text(node).slice(0, 20)}`);
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)) && /[\u3040-\u30ff\u4e00-\u9faf]/.test(node.text))
      at(node, `user text: ${node.text.slice(0, 20)}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

describe('the composition root (main/app.ts)', () => {
  it('only builds and connects: no event rule, no decision on data, no figure, no time, no SQL, no user text, no error of its own', () => {
    expect(rootProblems(APP)).toEqual([]);
  });

  it('the check passes what wiring is: building, connecting, optional parts, lifecycle calls in order, the start that runs once', () => {
    const wiring = [
      "import { createThing } from './thing.js';",
      "export type { AppOptions } from './genbaApp.js';",
      'export function createApp(options: AppOptions = {}) {',
      '  const dataDir = options.dataDir ?? defaultDataDir();',
      '  const thing = createThing({ dataDir, now: () => clock.now(), ...options.models });',
      '  return {',
      '    thing,',
      '    async start() {',
      '      if (!store.open()) return;',
      "      log.info('started', `dataDir=${dataDir}`);",
      '      if (options.namesBeforeStart) await thing.names();',
      '    },',
      '    stop: () => void thing.stop(),',
      '  };',
      '}',
    ].join('\n');
    expect(rootProblems(wiring)).toEqual([]);
  });

  it('the check finds each kind of behaviour planted in a root, with its line', () => {
    const planted = [
      /* 1 */ 'let started = false;',
      /* 2 */ 'export function createApp(options: AppOptions = {}) {',
      /* 3 */ '  events.on((e) => x());',
      /* 4 */ '  const due = () => store.isOpen() && outbox().due(clock.now(), 1).length > 0;',
      /* 5 */ '  if (config().source.kind === "demo") seed();',
      /* 6 */ '  const limit = config().big ? 10 : 5;',
      /* 7 */ '  for (const s of sites) s.start();',
      /* 8 */ "  const rows = db.prepare('SELECT * FROM plans').all();",
      /* 9 */ '  const today = Date.now();',
      /* 10 */ "  throw new GenbaError('X', { ja: 'アプリ', en: 'app' });",
      /* 11 */ '  const lang = config().lang ?? "ja";',
      /* 12 */ '  try { x(); } catch { }',
      /* 13 */ '  switch (mode) { }',
      /* 14 */ '}',
    ].join('\n');
    const found = rootProblems(planted);
    expect(found).toEqual([
      '1: a statement at the top level: let started = false;',
      '1: state of its own (let or var)',
      '3: an event rule (events.on)',
      '4: a decision: store.isOpen() && outbox().due(clock.now(), 1).length > 0',
      '4: arithmetic or a comparison: outbox().due(clock.now(), 1).length > 0',
      '4: a figure of its own: 1',
      '4: a figure of its own: 0',
      '5: a decision: if (config().source.kind === "demo")',
      '5: arithmetic or a comparison: config().source.kind === "demo"',
      '6: a decision: config().big ? …',
      '6: a figure of its own: 10',
      '6: a figure of its own: 5',
      '7: a loop',
      '8: SQL: SELECT * FROM plans',
      '9: the time or arithmetic: Date',
      '10: error handling of its own (throw)',
      '10: an error of its own',
      "10: user text: ja: 'アプリ'",
      '10: user text: アプリ',
      "10: user text: en: 'app'",
      '11: a default that is not an optional part: config().lang ?? "ja"',
      '12: error handling of its own (try)',
      '13: a decision: switch',
    ]);
  });
});
