import type { EventBus } from '../api/eventBus.js';
import type { Lang } from '../errors.js';
import type { Localized } from '../api/localized.js';

const LABELS: Record<string, Localized> = {
  sync: { ja: 'デモ会社を作成中', en: 'Building the demo company' },
  mining: { ja: 'ログのテンプレートを抽出中', en: 'Mining log templates' },
};

/**
 * Long first steps (building the demo company, mining its logs) shown on one updating
 * line of the terminal, so a wait is never silent. Only on a terminal: never in --json
 * output or when stderr is piped. Returns a function that clears the line.
 */
export function showTerminalProgress(events: EventBus, lang: Lang, stream: NodeJS.WriteStream = process.stderr): () => void {
  if (!stream.isTTY) return () => {};
  let shown = false;
  let last = 0;
  const off = events.on((e) => {
    if (e.type !== 'progress' || !(e.task in LABELS)) return;
    const now = Date.now();
    if (now - last < 100 && e.done < e.total) return;
    last = now;
    const pct = e.total > 0 ? Math.min(100, Math.round((e.done / e.total) * 100)) : 0;
    const table = e.table ? ` ${e.table}` : '';
    stream.write(`\r\u001b[2K${LABELS[e.task]![lang]}${table} ${e.done.toLocaleString('en-US')}/${e.total.toLocaleString('en-US')} (${pct}%)`);
    shown = true;
  });
  return () => {
    off();
    if (shown) stream.write('\r\u001b[2K');
  };
}
