import { Markdown } from '../../components/Markdown';
import { useDocTitle, useSectionText } from '../../i18n/useName';
import { onActivateKey } from '../../components/onActivateKey';
import { useCallback, useEffect, useState } from 'react';
import type { Citation, KnowledgeDoc, KnowledgeDocDetail } from '../../../../main/api/assistantTypes';
import { call } from '../../api/genbaClient';
import { useCore } from '../../api/useCore';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/appStore';
import { useShallow } from 'zustand/react/shallow';
import { countFigure } from '../../../../main/api/figures';

/** Managers' know-how: what the assistant cites. Add Markdown or text, read, delete, search. */
export function KnowledgeView() {
  const t = useT();
  const docTitle = useDocTitle();
  const section = useSectionText();
  const { selectedDocId, showKnowledge } = useAppStore(useShallow((s) => ({ selectedDocId: s.selectedDocId, showKnowledge: s.showKnowledge })));
  const [docs, setDocs] = useState<KnowledgeDoc[]>([]);
  const [selected, setSelected] = useState<KnowledgeDocDetail | null>(null);
  const [draft, setDraft] = useState<{ title: string; text: string; fileName?: string } | null>(null);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<Citation[] | null>(null);
  const { error, run: guard } = useCore();
  const open = useCallback((id: number) => void guard(async () => setSelected(await call('knowledge.get', { id }))), [guard]);
  useEffect(() => {
    void guard(async () => setDocs(await call('knowledge.list', {})));
  }, [guard]);
  useEffect(() => {
    if (selectedDocId !== null) {
      open(selectedDocId);
      showKnowledge(null);
    }
  }, [selectedDocId, open, showKnowledge]);

  const pickFile = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    await guard(async () => {
      // Strict UTF-8: a binary file is refused here rather than stored as garbage.
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
      } catch {
        throw new Error(t('knowledge.notText', { name: file.name }));
      }
      setDraft({ title: file.name.replace(/\.(md|markdown|txt|text)$/i, ''), text, fileName: file.name });
    });
  };
  const save = (): Promise<void | undefined> =>
    guard(async () => {
      if (!draft) return;
      setDocs(await call('knowledge.add', { title: draft.title, text: draft.text, ...(draft.fileName ? { fileName: draft.fileName } : {}) }));
      setDraft(null);
    });
  const remove = (doc: KnowledgeDocDetail): Promise<void | undefined> =>
    guard(async () => {
      if (!window.confirm(t('knowledge.confirmDelete', { title: docTitle(doc) }))) return;
      setDocs(await call('knowledge.remove', { id: doc.id }));
      setSelected(null);
    });

  return (
    <div className="knowledge-view">
      <div className="view-header">
        <h1>{t('knowledge.title')}</h1>
        <div className="buttons">
          <label className="button">
            {t('knowledge.addFile')}
            <input
              type="file"
              accept=".md,.markdown,.txt,.text,text/plain,text/markdown"
              hidden
              data-testid="knowledge-file"
              onChange={(e) => void pickFile(e.target.files?.[0])}
            />
          </label>
          <button type="button" onClick={() => setDraft({ title: '', text: '' })} data-testid="knowledge-new">
            {t('knowledge.write')}
          </button>
        </div>
      </div>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      <form
        className="log-search"
        onSubmit={(e) => {
          e.preventDefault();
          if (query.trim()) void guard(async () => setHits(await call('knowledge.search', { text: query.trim() })));
        }}
      >
        <input
          value={query}
          maxLength={500}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('knowledge.searchPlaceholder')}
          data-testid="knowledge-query"
        />
        <button type="submit">{t('knowledge.search')}</button>
      </form>
      {hits && (
        <ol className="citations" data-testid="knowledge-hits">
          {hits.map((h) => (
            <li key={h.chunkId}>
              <button type="button" className="link" onClick={() => open(h.docId)}>
                {docTitle(h)}
                {section(h).heading ? ` / ${section(h).heading}` : ''}
              </button>{' '}
            </li>
          ))}
        </ol>
      )}
      {draft && (
        <section className="panel knowledge-draft" data-testid="knowledge-draft">
          <label>
            {t('knowledge.docTitle')}
            <input value={draft.title} maxLength={200} onChange={(e) => setDraft({ ...draft, title: e.target.value })} data-testid="knowledge-title" />
          </label>
          <label>
            {t('knowledge.body')}
            <textarea value={draft.text} rows={10} onChange={(e) => setDraft({ ...draft, text: e.target.value })} data-testid="knowledge-text" />
          </label>
          <div className="buttons">
            <button
              type="button"
              className="primary"
              disabled={!draft.title.trim() || !draft.text.trim()}
              onClick={() => void save()}
              data-testid="knowledge-save"
            >
              {t('knowledge.save')}
            </button>
            <button type="button" onClick={() => setDraft(null)}>
              {t('proposal.cancel')}
            </button>
          </div>
        </section>
      )}
      <div className="knowledge-grid">
        <ul className="doc-list" data-testid="knowledge-list">
          {docs.map((d) => (
            <li
              key={d.id}
              className={selected?.id === d.id ? 'selected' : ''}
              onClick={() => open(d.id)}
              onKeyDown={onActivateKey(() => open(d.id))}
              tabIndex={0}
              role="button"
              aria-pressed={selected?.id === d.id}
              data-testid={`doc-${d.id}`}
            >
              <strong>{docTitle(d)}</strong>
              <div className="muted small">
                {t('knowledge.meta', { sections: d.chunks, chars: countFigure(d.chars) })}
                {d.builtin ? ` · ${t('knowledge.builtin')}` : ''}
              </div>
            </li>
          ))}
        </ul>
        {selected && (
          <section className="panel doc" data-testid="knowledge-doc">
            <div className="view-header">
              <h2>{docTitle(selected)}</h2>
              <button type="button" onClick={() => void remove(selected)} data-testid="knowledge-delete">
                {t('knowledge.delete')}
              </button>
            </div>
            <Markdown text={selected.text} />
          </section>
        )}
      </div>
    </div>
  );
}
