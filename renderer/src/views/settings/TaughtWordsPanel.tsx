import { useEffect, useState } from 'react';
import { MEASURE_LABELS } from '../../../../main/api/measureLabels';
import { localize } from '../../../../main/api/localized';
import type { TaughtWord } from '../../../../main/api/taughtWords';
import { call } from '../../api/genbaClient';
import { useCore } from '../../api/useCore';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/appStore';
import { SettingsTable } from './SettingsTable';

/**
 * Settings → Words taught: the company's words a manager taught in the chat (「物量は到着件数のこと」), each with the
 * measure it means, listed and removable here as `genba words` lists them.
 */
export function TaughtWordsPanel() {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const { busy, error, run } = useCore();
  const [rows, setRows] = useState<TaughtWord[] | null>(null);
  useEffect(() => {
    void run(async () => setRows(await call('words.list', {})));
  }, [run]);
  const forget = (w: TaughtWord) => run(async () => setRows(await call('words.forget', { word: w.word })));
  return (
    <SettingsTable
      className="taught-words"
      title={t('taughtWords.title')}
      help={t('taughtWords.help')}
      error={error}
      none={t('taughtWords.none')}
      rows={rows}
      head={
        <>
          <th>{t('taughtWords.word')}</th>
          <th>{t('taughtWords.measure')}</th>
          <th />
        </>
      }
      row={(w) => (
        <tr key={w.folded} data-testid={`taught-${w.word}`}>
          <td>{w.word}</td>
          <td>{localize(lang, MEASURE_LABELS[w.measure].label)}</td>
          <td>
            <button type="button" disabled={busy} onClick={() => void forget(w)} data-testid={`taught-forget-${w.word}`}>
              {t('taughtWords.forget')}
            </button>
          </td>
        </tr>
      )}
    />
  );
}
