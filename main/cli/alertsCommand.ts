import type { GenbaApp } from '../app.js';
import type { Alert } from '../api/types.js';
import type { CliIo } from './cliIo.js';
import { usageError } from './cliUsageError.js';
import { localize } from '../errors.js';

const line = (a: Alert): string => `${a.status === 'open' ? '●' : '○'} [${a.severity}] ${a.kind.padEnd(17)} ${a.title}`;

/** `genba alerts check|list`. */
export function runAlertsCommand(app: GenbaApp, args: string[], json: boolean, io: CliIo): number {
  const [sub = 'list', ...extra] = args;
  if (extra.length > 0) throw usageError({ ja: `余分な引数があります: ${extra.join(' ')}`, en: `Unexpected arguments: ${extra.join(' ')}` });
  if (sub === 'check') {
    const r = app.alerts.check();
    const w = localize(app.lang(), { ja: { open: '未解決', opened: '新規', resolved: '解決' }, en: { open: 'Open', opened: 'new', resolved: 'resolved' } });
    io.stdout(
      json
        ? `${JSON.stringify(r, null, 2)}\n`
        : `${w.open}: ${r.open.length} (${w.opened} ${r.opened}, ${w.resolved} ${r.resolved})\n${r.open.map(line).join('\n')}\n`,
    );
    return 0;
  }
  if (sub === 'list') {
    const list = app.alerts.list();
    io.stdout(json ? `${JSON.stringify(list, null, 2)}\n` : `${list.map(line).join('\n')}\n`);
    return 0;
  }
  throw usageError({ ja: `不明なサブコマンドです: alerts ${sub}（check, list）`, en: `Unknown subcommand: alerts ${sub} (check, list)` });
}
