import { useEffect, useState } from 'react';
import { useName } from '../../i18n/useName';
import type { BusinessName } from '../../../../main/api/types';
import { call } from '../../api/genbaClient';
import { useCore } from '../../api/useCore';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/appStore';
import { SettingsTable } from './SettingsTable';

/** Other names are typed in one field, separated by commas (、 or ,). */
const splitAliases = (text: string): string[] =>
  text
    .split(/[,、，\n]/)
    .map((a) => a.trim())
    .filter((a) => a !== '');

/**
 * Settings → Business names: what people call each business of the local copy, for the
 * screens and for the assistant (「SSの締切」). The company's database holds only ids; the
 * demo company names its own. A name saved here wins; an empty name falls back to the source's.
 */
export function BusinessNamesPanel() {
  const t = useT();
  const name = useName();
  const refresh = useAppStore((s) => s.refresh);
  const core = useCore();
  const { busy, error } = core;
  const [rows, setRows] = useState<BusinessName[] | null>(null);
  const [drafts, setDrafts] = useState<Record<string, { name: string; aliases: string; nameEn: string }>>({});
  const { run } = core;
  useEffect(() => {
    void run(async () => setRows(await call('businesses.list', {})));
  }, [run]);
  const draftOf = (b: BusinessName) => drafts[b.id] ?? { name: b.name ?? '', aliases: b.aliases.join('、'), nameEn: b.nameEn ?? '' };
  const save = (b: BusinessName) =>
    run(async () => {
      const d = draftOf(b);
      setRows(await call('businesses.save', { id: b.id, name: d.name, aliases: splitAliases(d.aliases), nameEn: d.nameEn }));
      setDrafts(({ [b.id]: _, ...rest }) => rest);
      await refresh();
    });
  return (
    <SettingsTable
      className="business-names"
      title={t('businessNames.title')}
      help={t('businessNames.help')}
      error={error}
      none={t('businessNames.none')}
      rows={rows}
      head={
        <>
          <th>{t('businessNames.id')}</th>
          <th>{t('businessNames.name')}</th>
          <th>{t('businessNames.aliases')}</th>
          <th>{t('businessNames.nameEn')}</th>
          <th>{t('businessNames.from')}</th>
          <th />
        </>
      }
      row={(b) => {
        const d = draftOf(b);
        return (
          <tr key={b.id} data-testid={`business-${b.id}`}>
            <td>
              <code>{b.id}</code>
            </td>
            <td>
              <input
                value={d.name}
                maxLength={50}
                data-testid={`business-name-${b.id}`}
                onChange={(e) => setDrafts({ ...drafts, [b.id]: { ...d, name: e.target.value } })}
              />
              {/* How the English screens write the saved name, so the two can be matched (nothing on Japanese screens). */}
              {b.name !== null && name(b.name) !== b.name && <div className="muted small">{name(b.name)}</div>}
            </td>
            <td>
              {/* A list, often longer than a field: it wraps and grows with its text instead of cutting it. */}
              <textarea
                className="aliases"
                rows={1}
                value={d.aliases}
                data-testid={`business-aliases-${b.id}`}
                onChange={(e) => setDrafts({ ...drafts, [b.id]: { ...d, aliases: e.target.value } })}
              />
            </td>
            <td>
              <input
                value={d.nameEn}
                maxLength={50}
                lang="en"
                data-testid={`business-name-en-${b.id}`}
                onChange={(e) => setDrafts({ ...drafts, [b.id]: { ...d, nameEn: e.target.value } })}
              />
            </td>
            <td className="muted" data-field="from">
              {b.from === null ? '' : t(b.from === 'settings' ? 'businessNames.fromSettings' : 'businessNames.fromSource')}
            </td>
            <td>
              <button type="button" disabled={busy || !(b.id in drafts)} onClick={() => void save(b)} data-testid={`business-save-${b.id}`}>
                {t('businessNames.save')}
              </button>
            </td>
          </tr>
        );
      }}
    />
  );
}
