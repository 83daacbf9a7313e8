import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { GenbaApp } from '../app.js';
import type { AskResult } from '../api/assistantTypes.js';
import type { CliIo } from './cliIo.js';
import type { GenbaConfig } from '../config/config.js';
import { MAX_DOCUMENT_CHARS } from '../knowledge/knowledgeBase.js';
import { knowledgeError } from '../knowledge/knowledgeError.js';
import { GenbaError, localize, type Lang } from '../errors.js';
import { count, plural } from '../api/englishCount.js';
import { usageError } from './cliUsageError.js';
import { runPlanDecision } from './planningCommands.js';

const out = (io: CliIo, json: boolean, value: unknown, text: string): number => {
  io.stdout(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
  return 0;
};

function formatAsk(r: AskResult, lang: Lang): string {
  const lines = [r.answer];
  if (r.proposal) {
    lines.push('', `${localize(lang, { ja: '提案', en: 'Proposal' })} ${r.proposal.id}`);
    for (const op of r.proposal.operators) lines.push(`  ${op.from} → ${r.proposal.site}  ${op.name}  (${op.reason})`);
    lines.push(
      localize(lang, {
        ja: `承認: genba approve ${r.proposal.id}   却下: genba reject ${r.proposal.id} --reason "…"`,
        en: `Approve: genba approve ${r.proposal.id}   Reject: genba reject ${r.proposal.id} --reason "…"`,
      }),
    );
  }
  // The words that changed nothing in the reading, as the Chat view marks them.
  const unused = r.query?.unused ?? [];
  if (unused.length > 0) lines.push('', `${localize(lang, { ja: '読み取れなかった語', en: 'Words not understood' })}: ${unused.map((u) => u.word).join(', ')}`);
  if (r.citations.length > 0) lines.push('', ...r.citations.map((c, i) => `[${i + 1}] ${c.title}${c.heading ? ` / ${c.heading}` : ''}`));
  const t = r.timings;
  lines.push(
    '',
    `read ${t.read_ms} ms · retrieval ${t.retrieval_ms} ms · data ${t.data_ms} ms · optimize ${t.optimize_ms} ms · answer ${t.answer_ms} ms · total ${t.total_ms} ms (${[...(r.query ? [r.query.read.op, r.query.answeredBy, r.query.readBy ?? 'rules'] : []), r.answerSource].join(', ')})`,
  );
  return lines.join('\n');
}

/**
 * `genba ask "<question>" [--conversation new|ID]`. With `--conversation`, the turn is kept: `new`
 * starts a conversation (its id is printed), an id continues one, so that a follow-up
 * (「盛岡は？」, 「じゃあ2名なら？」) is read in the context of the turn before, as in the Chat view.
 */
export async function runAsk(app: GenbaApp, args: string[], o: { json: boolean; conversation?: string | undefined }, io: CliIo): Promise<number> {
  const json = o.json;
  const question = args.join(' ').trim();
  if (!question)
    throw usageError({
      ja: '質問を指定してください: genba ask "札幌のエントリ1工程が遅延しています"',
      en: 'Give a question: genba ask "Sapporo entry 1 is late"',
    });
  if (question.length > 2000) throw usageError({ ja: '質問は2000文字以内にしてください', en: 'Keep the question under 2000 characters' });
  if (o.conversation !== undefined && o.conversation !== 'new' && !/^C\d{8}-[0-9A-F]{8}$/i.test(o.conversation))
    throw usageError({
      ja: `--conversation には new か会話 ID（C20251023-1A2B3C4D の形）を指定してください: ${o.conversation}`,
      en: `--conversation takes new or a conversation id (like C20251023-1A2B3C4D): ${o.conversation}`,
    });
  // The names' readings, as the app makes them at start; not the rest of its start-up work (the overview of now, the
  // know-how index, the solver): one question in one process would only pay for it earlier, and most questions need
  // little of it. The timings include what the question was the first to read.
  await app.assistant.prepare({ warm: false });
  const conversation = o.conversation === undefined ? undefined : o.conversation === 'new' ? null : o.conversation.toUpperCase();
  const r = await app.assistant.ask(question, undefined, undefined, conversation);
  const text = formatAsk(r, app.lang());
  return out(
    io,
    json,
    r,
    r.conversationId
      ? `${text}\n${localize(app.lang(), { ja: `会話 ${r.conversationId}（続けるには --conversation ${r.conversationId}）`, en: `Conversation ${r.conversationId} (continue with --conversation ${r.conversationId})` })}`
      : text,
  );
}

/**
 * The longest `genba approve` waits for its delivery: the attempt ends by the source's own
 * connect and query timeouts first; this only bounds a source that ignores them.
 */
function deliveryWait(source: GenbaConfig['source']): number {
  return source.kind === 'mysql' ? source.connectTimeoutMs + source.queryTimeoutMs + 5_000 : 10_000;
}

/**
 * `genba approve|reject|modify <id> [--reason …] [--keep 12,15]`: records the
 * decision, waits for its delivery attempt, and says whether it reached the company database
 * or waits in the outbox (retried by the next sync or the app), and why.
 */
export async function runDecision(
  app: GenbaApp,
  action: 'approve' | 'reject' | 'modify',
  args: string[],
  o: { reason?: string; keep?: string; set?: string[]; off?: string[]; json: boolean },
  io: CliIo,
): Promise<number> {
  const [id, ...extra] = args;
  if (!id || extra.length > 0)
    throw usageError({
      ja: `提案 ID を1つ指定してください: genba ${action} SGT20251023-1A2B3C4D`,
      en: `Give one proposal id: genba ${action} SGT20251023-1A2B3C4D`,
    });
  if (/^PLN\d{8}-[0-9A-F]{8}$/i.test(id)) return await runPlanDecision(app, action, id.toUpperCase(), o, io);
  if (!/^SGT\d{8}-[0-9A-F]{8}$/i.test(id)) throw usageError({ ja: `提案 ID の形式が正しくありません: ${id}`, en: `Not a proposal id: ${id}` });
  const keep = o.keep === undefined ? undefined : o.keep.split(',').map((x) => Number(x.trim()));
  if (keep?.some((x) => !Number.isInteger(x) || x < 1))
    throw usageError({ ja: '--keep にはオペレータ ID をカンマ区切りで指定してください', en: '--keep takes operator ids separated by commas' });
  if (action === 'modify' && !keep)
    throw usageError({ ja: 'modify には --keep（残すオペレータ ID）が必要です', en: 'modify needs --keep (the operator ids to keep)' });
  const decision = {
    action: action === 'approve' ? ('approved' as const) : action === 'reject' ? ('rejected' as const) : ('modified' as const),
    reason: o.reason ?? null,
    // As in the app: the approver's name in Settings, else the OS account running the command; no option names who decided.
    user: app.approver(),
    keepOperatorIds: keep,
  };
  const s = await app.assistant.decideAndDeliver(id.toUpperCase(), decision, deliveryWait(app.config().source));
  const lang = app.lang();
  const reason = s.delivery.reason ? localize(lang, s.delivery.reason) : null;
  const text = s.delivery.delivered
    ? localize(lang, { ja: `${id}: ${s.status}（会社のデータベースに送信しました）`, en: `${id}: ${s.status} (delivered to the company database)` })
    : localize(lang, {
        ja: `${id}: ${s.status}（会社のデータベースに送れませんでした。送信待ちに入れ、自動的に再送します: ${reason ?? ''}）`,
        en: `${id}: ${s.status} (not delivered to the company database yet; queued and retried automatically: ${reason ?? ''})`,
      });
  return out(io, o.json, { ...s, delivery: { delivered: s.delivery.delivered, reason } }, text);
}

const TEXT_EXTENSIONS = new Set(['.md', '.markdown', '.txt', '.text']);

/** `genba knowledge add <file> [--title …] | list | remove <id> | search "<q>" [--k 5]`. */
export async function runKnowledge(app: GenbaApp, args: string[], o: { title?: string; k: number; json: boolean }, io: CliIo): Promise<number> {
  const [sub = 'list', ...rest] = args;
  const kb = app.assistant.knowledge;
  const lang = app.lang();
  if (sub === 'list') {
    const docs = kb.list();
    return out(
      io,
      o.json,
      docs,
      docs
        .map(
          (d) =>
            `${String(d.id).padStart(4)}  ${d.title}  (${localize(lang, { ja: `${d.chunks}チャンク`, en: count(d.chunks, 'chunk') })}, ${d.chars} ${localize(lang, { ja: '文字', en: plural(d.chars, 'char') })}${d.builtin ? localize(lang, { ja: '、同梱', en: ', built-in' }) : ''})`,
        )
        .join('\n'),
    );
  }
  if (sub === 'add') {
    if (rest.length !== 1) throw usageError({ ja: '追加するファイルを1つ指定してください（.md / .txt）', en: 'Give one file to add (.md / .txt)' });
    const path = rest[0]!;
    if (!TEXT_EXTENSIONS.has(extname(path).toLowerCase())) {
      throw knowledgeError('KNOWLEDGE_UNREADABLE', {
        ja: `読み込めるのは Markdown とテキスト（.md .txt）です: ${basename(path)}`,
        en: `Only Markdown and text files (.md .txt) can be added: ${basename(path)}`,
      });
    }
    // Each failure says what it is: missing, not a file, too large, or not UTF-8.
    let size: number;
    try {
      const st = statSync(path);
      if (!st.isFile()) throw knowledgeError('KNOWLEDGE_UNREADABLE', { ja: `ファイルではありません: ${basename(path)}`, en: `Not a file: ${basename(path)}` });
      size = st.size;
    } catch (error) {
      if (error instanceof GenbaError) throw error;
      throw knowledgeError(
        'KNOWLEDGE_UNREADABLE',
        { ja: `ファイルが見つからないか、読む権限がありません: ${basename(path)}`, en: `The file does not exist or cannot be read: ${basename(path)}` },
        String(error),
      );
    }
    if (size > MAX_DOCUMENT_CHARS * 4) {
      const mb = (size / 1048576).toFixed(1);
      throw knowledgeError('KNOWLEDGE_TOO_LARGE', {
        ja: `ファイルが大きすぎます（${mb} MB。${MAX_DOCUMENT_CHARS.toLocaleString('en-US')} 文字まで）。分けて登録してください: ${basename(path)}`,
        en: `The file is too large (${mb} MB; up to ${MAX_DOCUMENT_CHARS.toLocaleString('en-US')} characters). Split it and add the parts: ${basename(path)}`,
      });
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
    } catch (error) {
      throw knowledgeError(
        'KNOWLEDGE_UNREADABLE',
        { ja: `ファイルを UTF-8 のテキストとして読めません: ${basename(path)}`, en: `The file cannot be read as UTF-8 text: ${basename(path)}` },
        String(error),
      );
    }
    const doc = kb.add({ title: o.title ?? basename(path, extname(path)), text, sourceName: basename(path) });
    return out(
      io,
      o.json,
      doc,
      localize(lang, {
        ja: `追加しました: ${doc.id} ${doc.title}（${doc.chunks} チャンク）`,
        en: `Added ${doc.id} ${doc.title} (${count(doc.chunks, 'chunk')})`,
      }),
    );
  }
  if (sub === 'remove') {
    const id = Number(rest[0]);
    if (rest.length !== 1 || !Number.isInteger(id) || id < 1)
      throw usageError({ ja: '削除する文書の ID を指定してください', en: 'Give the id of the document to remove' });
    const left = kb.remove(id);
    return out(io, o.json, left, localize(lang, { ja: `削除しました: ${id}`, en: `Removed ${id}` }));
  }
  if (sub === 'search') {
    const q = rest.join(' ').trim();
    if (!q) throw usageError({ ja: '検索する文を指定してください', en: 'Give the text to search for' });
    const hits = await kb.search(q, o.k);
    return out(
      io,
      o.json,
      hits,
      hits.map((h, i) => `[${i + 1}] ${h.score}  ${h.title}${h.heading ? ` / ${h.heading}` : ''}\n    ${h.text.replace(/\s+/g, ' ').slice(0, 160)}`).join('\n'),
    );
  }
  throw usageError({
    ja: `不明なサブコマンドです: knowledge ${sub}（add, list, remove, search）`,
    en: `Unknown subcommand: knowledge ${sub} (add, list, remove, search)`,
  });
}

/** `genba approvals [--out file.csv]`: the decisions and their delivery, or the CSV. */
export function runApprovals(app: GenbaApp, args: string[], o: { out?: string; json: boolean }, io: CliIo): number {
  if (args.length > 0) throw usageError({ ja: `余分な引数があります: ${args.join(' ')}`, en: `Unexpected arguments: ${args.join(' ')}` });
  if (o.out) {
    writeFileSync(o.out, app.assistant.approvalsCsv(), { mode: 0o600 });
    return out(io, o.json, { savedTo: o.out }, o.out);
  }
  const rows = app.assistant.approvals();
  return out(
    io,
    o.json,
    rows,
    rows
      .map((r) => {
        // A plan's decision names its day and its half-day lines where a move names its process and people moved.
        const what = r.plan ? `${r.plan.date} (${r.plan.sites.join('・')})  ${r.plan.lines}` : `${r.site} ${r.process}  ${r.moves}`;
        // A delivered plan says what the company did with it: the day's plan is the one the company received last.
        const company =
          r.companyPlan && !r.companyPlan.kept
            ? `  ${localize(app.lang(), { ja: `会社は後から受け取った ${r.companyPlan.keptPlan} を使用`, en: `company uses ${r.companyPlan.keptPlan}, received later` })}`
            : '';
        return `${r.suggestionId}  ${r.action.padEnd(8)}  ${what}  ${r.delivery}${company}${r.reason ? `  ${r.reason}` : ''}`;
      })
      .join('\n'),
  );
}
