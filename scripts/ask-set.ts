// Runs a question set through the app's own chat path (conversations kept across a line's turns) on a copy of a store,
// and writes what a manager would see, one line per question, for a grader who sees only that. Used to run a locked set
// once (test/fixtures/ask/locked-*.jsonl). Usage:
//   npx tsx scripts/ask-set.ts <set.jsonl> <store dir> <out.jsonl> [--now 2025-10-23T15:40+09:00]
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AskResult } from '../main/api/assistantTypes.js';
import { createApp } from '../main/app.js';
import { createHandlerTable } from '../main/handlerTable.js';

const [set, store, out] = process.argv.slice(2);
if (!set || !store || !out) throw new Error('usage: ask-set.ts <set.jsonl> <store dir> <out.jsonl> [--now ISO]');
const nowAt = process.argv.indexOf('--now');
const now = Date.parse(nowAt > 0 ? process.argv[nowAt + 1]! : '2025-10-23T15:40+09:00');
// A copy: the questions may store proposals and plans, and the store given stays as it was.
const dir = mkdtempSync(join(tmpdir(), 'ask-set-'));
cpSync(store, dir, { recursive: true });
const app = createApp({ dataDir: dir, now });
await app.start();
await app.assistant.prepare();
const h = createHandlerTable(app);
const results: unknown[] = [];
for (const line of readFileSync(set, 'utf8').split('\n').filter(Boolean)) {
  // A conversation's turns, or one question (`q`).
  const x = JSON.parse(line) as { id: string; turns?: string[]; q?: string };
  const turns = x.turns ?? [x.q!];
  let conversationId: string | null = null;
  const answers: string[] = [];
  let last: AskResult | null = null;
  for (const question of turns) {
    const r = await h['chat.ask']({ question, conversationId });
    if (!r.ok) {
      answers.push(`ERROR: ${r.error.message}`);
      last = null;
      break;
    }
    conversationId = r.value.conversationId ?? null;
    last = r.value;
    answers.push(r.value.answer);
  }
  results.push({
    id: x.id,
    turns,
    answers,
    choices: last?.clarify?.options.map((o) => o.label) ?? [],
    storedProposal: last?.proposal ? `proposal card: ${last.proposal.operators.length} people to ${last.proposal.site} ${last.proposal.process}` : null,
    storedPlan: last?.plan ? `staffing plan card for ${last.plan.date}` : null,
  });
}
writeFileSync(out, results.map((r) => JSON.stringify(r)).join('\n') + '\n');
await app.stop();
rmSync(dir, { recursive: true, force: true });
console.log(`${results.length} lines → ${out}`);
