import { useEffect, useRef, useState } from 'react';
import { useDocTitle, useSectionText } from '../../i18n/useName';
import type { Citation, ThresholdAction } from '../../../../main/api/assistantTypes';
import type { ChatStage, ModelsStatus } from '../../../../main/api/types';
import { call } from '../../api/genbaClient';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/appStore';
import { useChatStore, type ChatEntry } from '../../store/chatStore';
import { ProposalCard } from './ProposalCard';
import { PlanCard } from './PlanCard';
import { QueryChart, QueryRead } from './QueryRead';
import { formatTime } from '../overview/format';
import { useShallow } from 'zustand/react/shallow';

function Citations({ items }: { items: Citation[] }) {
  const [open, setOpen] = useState<number | null>(null);
  const showDoc = useAppStore((s) => s.showKnowledge);
  const docTitle = useDocTitle();
  const section = useSectionText();
  if (items.length === 0) return null;
  return (
    <ul className="citations" data-testid="citations">
      {items.map((c, i) => (
        <li key={c.chunkId}>
          <button type="button" className="link" onClick={() => setOpen(open === i ? null : i)} data-testid={`citation-${i}`}>
            [{i + 1}] {docTitle(c)}
            {section(c).heading ? ` / ${section(c).heading}` : ''}
          </button>
          {open === i && (
            <blockquote data-testid="citation-text">
              {section(c).text}{' '}
              <button type="button" className="link small" onClick={() => showDoc(c.docId)}>
                ↗
              </button>
            </blockquote>
          )}
        </li>
      ))}
    </ul>
  );
}

/** A threshold the assistant proposed: changed only when the manager presses the button. */
function ThresholdButton({ action }: { action: ThresholdAction }) {
  const t = useT();
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const vars = { from: Math.round(action.current * 100), to: Math.round(action.proposed * 100) };
  if (done)
    return (
      <p className="muted small" data-testid="threshold-applied">
        {done}
      </p>
    );
  return (
    <div className="clarify">
      <button
        type="button"
        data-testid="apply-threshold"
        onClick={() =>
          void call('alerts.applyThreshold', { setting: action.setting, current: action.current, proposed: action.proposed }).then(
            () => setDone(t('chat.thresholdApplied', vars)),
            (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
          )
        }
      >
        {t('chat.applyThreshold', vars)}
      </button>
      {error && <span className="error-text">{error}</span>}
    </div>
  );
}

const STAGES: ChatStage[] = ['intent', 'data', 'optimize', 'answer'];

/** While an answer is on its way: the stages (意図 → データ → 最適化 → 説明), the current one marked, and a stop button. */
function Progress({ entry }: { entry: ChatEntry }) {
  const t = useT();
  const stop = useChatStore((s) => s.stop);
  const at = entry.stage === null ? -1 : STAGES.indexOf(entry.stage);
  return (
    <div className="chat-progress" data-testid="chat-progress">
      <ol>
        {STAGES.map((s, i) => (
          <li key={s} className={i < at ? 'done' : i === at ? 'current' : ''} aria-current={i === at ? 'step' : undefined}>
            {t(`chat.stage.${s}`)}
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => void stop()} data-testid="chat-stop">
        {t('chat.stop')}
      </button>
    </div>
  );
}

/** The local models as the chat uses them: loaded (CPU/GPU), loading with progress, or not installed. */
function ModelState() {
  const t = useT();
  const [status, setStatus] = useState<ModelsStatus | null>(null);
  const busy = useChatStore((s) => s.busy);
  // Read again when a question starts or ends and while a model loads (its progress events).
  const loading = useAppStore((s) => (s.progress?.task === 'model' ? s.progress.done : null));
  useEffect(() => {
    void call('models.status', {}).then(setStatus, () => setStatus(null));
  }, [busy, loading]);
  if (!status) return null;
  const device = status.backend ? (status.backend.backend === 'cpu' ? 'CPU' : `GPU (${status.backend.backend})`) : null;
  const role = (r: 'intent' | 'answer'): string => {
    const m = status.roles.find((x) => x.role === r);
    if (!m || m.state === 'not_configured' || m.state === 'missing') return t('chat.model.none');
    if (m.state === 'loading') return t('chat.model.loading', { p: Math.round((m.loadProgress ?? 0) * 100) });
    if (m.state === 'loaded') return device ? t('chat.model.loadedOn', { device }) : t('chat.model.loaded');
    if (m.state === 'error') return t('chat.model.error');
    return t('chat.model.onDisk');
  };
  return (
    <p className="muted small model-state" data-testid="model-state">
      {t('chat.model.intent')}: {role('intent')} · {t('chat.model.answer')}: {role('answer')}
    </p>
  );
}

function Entry({ entry }: { entry: ChatEntry }) {
  const t = useT();
  const ask = useChatStore((s) => s.ask);
  const tz = useAppStore((s) => s.overview?.timeZone ?? 'Asia/Tokyo');
  const dataAsOf = useAppStore((s) => s.overview?.dataAsOf ?? null);
  const r = entry.result;
  // Every answer is of its one reading: it says the operation it answered (an answer stored before the reading existed says none).
  const answeredAs = r?.query ? t(`query.op.${r.query.read.op}`) : '';
  return (
    <div className="chat-entry" data-testid="chat-entry">
      <div className="bubble user">{entry.question}</div>
      <div className="bubble assistant" data-testid="chat-answer" aria-live="polite">
        {entry.error ? (
          <span className="error-text">{entry.error}</span>
        ) : r ? (
          <>
            {/* An ask-back's choices are its buttons: the question alone above them (the text lists them for the CLI). */}
            <p className="answer">{r.clarify ? r.clarify.question : r.answer}</p>
            <QueryChart result={r} />
          </>
        ) : (
          <>
            <p className="answer streaming">{entry.streamed || t('chat.thinking')}</p>
            <Progress entry={entry} />
          </>
        )}
        {r?.clarify && (
          <div className="clarify" data-testid="clarify">
            {r.clarify.options.map((o) => (
              <button key={o.label} type="button" onClick={() => void ask(o.ask, o.reading)}>
                {o.label}
              </button>
            ))}
          </div>
        )}
        {r?.proposal && <ProposalCard proposal={r.proposal} />}
        {r?.plan && <PlanCard plan={r.plan} />}
        {r?.action && <ThresholdButton action={r.action} />}
        {r && <Citations items={r.citations} />}
        {r?.query && <QueryRead query={r.query} />}
        {r && (
          <div className="muted small timings" data-testid="timings">
            <span title={`${t('chat.reading')}: ${t(`chat.readSource.${r.query?.readBy ?? 'rules'}`)} · ${Math.round(r.timings.total_ms)} ms`}>
              {t(`chat.source.${r.answerSource}`)} · {r.clarify ? t('chat.askedBack') : t('chat.answeredAs', { intent: answeredAs })}
              {(r.proposal?.data_as_of ?? dataAsOf) !== null && <> · {t('chat.dataAsOf', { time: formatTime(r.proposal?.data_as_of ?? dataAsOf, tz) })}</>}
            </span>
          </div>
        )}
      </div>
    </div>
  );
}

/** The assistant: ask in plain words, get the engine's proposal explained, decide on the card. */
export function ChatView() {
  const t = useT();
  const { entries, busy, ask, conversations, conversationId, loadConversations, open, startNew, remove } = useChatStore(
    useShallow((s) => ({
      entries: s.entries,
      busy: s.busy,
      ask: s.ask,
      conversations: s.conversations,
      conversationId: s.conversationId,
      loadConversations: s.loadConversations,
      open: s.open,
      startNew: s.startNew,
      remove: s.remove,
    })),
  );
  useEffect(() => {
    void loadConversations();
  }, [loadConversations]);
  const tz = useAppStore((s) => s.overview?.timeZone ?? 'Asia/Tokyo');
  const carried = useAppStore((s) => s.chatRequest);
  const clearCarried = useAppStore((s) => s.consult);
  const [text, setText] = useState('');
  const end = useRef<HTMLDivElement>(null);
  // A request carried from an alert or the 要対応 strip: asked at once, in a conversation of its own.
  useEffect(() => {
    if (carried) {
      clearCarried(null);
      startNew();
      void ask(carried.text, carried.reading ?? undefined);
    }
  }, [carried, clearCarried, startNew, ask]);
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [entries]);
  const send = (): void => {
    const q = text.trim();
    if (!q || busy) return;
    setText('');
    void ask(q);
  };
  return (
    <div className="chat-layout">
      <aside className="conversations" data-testid="conversations">
        <button type="button" onClick={startNew} disabled={busy} data-testid="conversation-new">
          {t('chat.newConversation')}
        </button>
        <ul>
          {conversations.map((c) => (
            <li key={c.id} className={c.id === conversationId ? 'selected' : ''}>
              <button type="button" className="link" onClick={() => void open(c.id)} disabled={busy} data-testid="conversation-open" title={c.title}>
                {c.title}
              </button>
              <span className="muted small">
                {formatTime(c.updatedAt, tz)} · {t('chat.turns', { n: c.turns })}
              </span>
              <button
                type="button"
                className="link danger"
                onClick={() => void remove(c.id)}
                disabled={busy}
                aria-label={t('chat.deleteConversation')}
                data-testid="conversation-delete"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <div className="chat-view">
        <h1>{t('chat.title')}</h1>
        <ModelState />
        <div className="chat-log" data-testid="chat-log">
          {entries.length === 0 && <p className="muted">{t('chat.hint')}</p>}
          {entries.map((e) => (
            <Entry key={e.id} entry={e} />
          ))}
          <div ref={end} />
        </div>
        <div className="chat-input">
          <textarea
            value={text}
            maxLength={2000}
            placeholder={t('chat.placeholder')}
            data-testid="chat-input"
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                send();
              }
            }}
          />
          <button type="button" className="primary" disabled={busy || !text.trim()} onClick={send} data-testid="chat-send">
            {t('chat.send')}
          </button>
        </div>
      </div>
    </div>
  );
}
