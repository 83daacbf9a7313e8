import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import type { Localized } from '../api/localized.js';
import { ConfigError } from './configError.js';

/** Far above any settings file a person writes (a few KB); a larger one is not read into memory. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** What a path that is not a regular file is, in a few words. */
function kindOf(st: Stats): Localized {
  if (st.isDirectory()) return { ja: 'フォルダです', en: 'it is a folder' };
  if (st.isFIFO()) return { ja: '名前付きパイプ（FIFO）です', en: 'it is a named pipe (FIFO)' };
  if (st.isCharacterDevice() || st.isBlockDevice()) return { ja: 'デバイスです', en: 'it is a device' };
  if (st.isSocket()) return { ja: 'ソケットです', en: 'it is a socket' };
  return { ja: '特殊なファイルです', en: 'it is a special file' };
}

/**
 * config.json's text, or null when there is none. Only a regular file (a link to one is
 * followed) of at most MAX_CONFIG_BYTES is read, with a bounded read: a FIFO, a device such
 * as /dev/zero or a huge file would make every start wait forever or fill the memory.
 */
export function readConfigText(path: string): string | null {
  const unreadable = (text: Localized, detail?: unknown): ConfigError =>
    new ConfigError('CONFIG_UNREADABLE', text, detail === undefined ? undefined : String(detail));
  const notRegular = (st: Stats): ConfigError => {
    const what = kindOf(st);
    return unreadable({
      ja: `設定ファイル ${path} は通常のファイルではありません（${what.ja}）。JSON を書いた通常のファイルに置き換えるか、削除してください（削除すると既定の設定で動きます）。`,
      en: `The settings file ${path} is not a regular file (${what.en}). Replace it with an ordinary file holding JSON, or remove it (Genba then uses the defaults).`,
    });
  };
  const tooLarge = (bytes: string): ConfigError =>
    unreadable({
      ja: `設定ファイル ${path} が大きすぎます（${bytes} バイト、上限 ${MAX_CONFIG_BYTES} バイト）。設定ファイルではないものが置かれていないか確認してください。`,
      en: `The settings file ${path} is too large (${bytes} bytes; at most ${MAX_CONFIG_BYTES}). Check that it really is the settings file.`,
    });
  const cannotRead = (error: unknown): ConfigError =>
    unreadable({ ja: `設定ファイル ${path} を読み込めません。`, en: `Cannot read the settings file ${path}.` }, error);
  let st: Stats;
  try {
    st = statSync(path); // follows a link: what counts is what it points to
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null; // none (or a link to nothing): the defaults
    throw cannotRead(error);
  }
  if (!st.isFile()) throw notRegular(st);
  if (st.size > MAX_CONFIG_BYTES) throw tooLarge(String(st.size));
  let fd: number;
  try {
    // Non-blocking: should the path become a FIFO after the check above, opening it does not wait for a writer.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw cannotRead(error);
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) throw notRegular(opened);
    const buf = Buffer.alloc(MAX_CONFIG_BYTES + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buf, length, buf.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > MAX_CONFIG_BYTES) throw tooLarge(`> ${MAX_CONFIG_BYTES}`); // it grew while being read
    }
    return buf.toString('utf8', 0, length);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw cannotRead(error);
  } finally {
    closeSync(fd);
  }
}
