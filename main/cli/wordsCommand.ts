import type { GenbaApp } from '../app.js';
import { MEASURE_LABELS } from '../api/measureLabels.js';
import type { TaughtWord } from '../api/taughtWords.js';
import type { CliIo } from './cliIo.js';
import { usageError } from './cliUsageError.js';
import { localize, type Lang } from '../errors.js';

const line = (w: TaughtWord, lang: Lang): string => `${w.word}  →  ${localize(lang, MEASURE_LABELS[w.measure].label)} (${w.measure})`;

/** `genba words [list] | forget <word>`: the words a manager taught in the chat (「物量は到着件数のこと」), in the order taught. */
export function runWordsCommand(app: GenbaApp, args: string[], json: boolean, io: CliIo): number {
  const [sub = 'list', ...rest] = args;
  const lang = app.lang();
  if (sub === 'list') {
    if (rest.length > 0) throw usageError({ ja: `余分な引数があります: ${rest.join(' ')}`, en: `Unexpected arguments: ${rest.join(' ')}` });
    const words = app.assistant.words();
    const empty = localize(lang, {
      ja: '教わった言葉はありません。チャットで「物量は到着件数のこと」のように教えられます。',
      en: 'No words taught. Teach one in the chat: "inbound means arrivals".',
    });
    io.stdout(json ? `${JSON.stringify(words, null, 2)}\n` : `${words.length === 0 ? empty : words.map((w) => line(w, lang)).join('\n')}\n`);
    return 0;
  }
  if (sub === 'forget') {
    const word = rest.join(' ').trim();
    if (!word)
      throw usageError({ ja: '忘れさせる言葉を指定してください（genba words forget 物量）', en: 'Give the word to forget (genba words forget inbound)' });
    const left = app.assistant.forgetWord(word);
    io.stdout(json ? `${JSON.stringify(left, null, 2)}\n` : `${localize(lang, { ja: `「${word}」を忘れました。`, en: `Forgot "${word}".` })}\n`);
    return 0;
  }
  throw usageError({ ja: `不明なサブコマンドです: words ${sub}（list, forget）`, en: `Unknown subcommand: words ${sub} (list, forget)` });
}
