import { create } from 'zustand';
import type { AskResult, ConversationSummary } from '../../../main/api/assistantTypes';
import type { AskQueryInput } from '../../../main/api/askQuery';
import type { ChatStage } from '../../../main/api/types';
import { call, onEvent } from '../api/genbaClient';

export interface ChatEntry {
  id: string;
  question: string;
  /** The answer as it streams in; replaced by the final answer when the result arrives. */
  streamed: string;
  result: AskResult | null;
  error: string | null;
  /** The stage the core reported last while the answer is on its way. */
  stage: ChatStage | null;
}

interface ChatState {
  entries: ChatEntry[];
  busy: boolean;
  /** The stored conversation the entries belong to; null until the first question starts one. */
  conversationId: string | null;
  conversations: ConversationSummary[];
  /** `reading`: the manager's pick from an ask-back, answered as it is. */
  ask(question: string, reading?: AskQueryInput): Promise<void>;
  loadConversations(): Promise<void>;
  open(id: string): Promise<void>;
  startNew(): void;
  remove(id: string): Promise<void>;
  /** Stops the answer model on the request in flight (the templated answer comes instead). */
  stop(): Promise<void>;
}

let seq = 0;

/** The conversation lives here, so that it survives switching views. */
export const useChatStore = create<ChatState>((set, get) => {
  onEvent((e) => {
    if (e.type === 'chat-stage') set({ entries: get().entries.map((x) => (x.id === e.requestId && !x.result ? { ...x, stage: e.stage } : x)) });
    if (e.type !== 'chat-chunk') return;
    set({ entries: get().entries.map((x) => (x.id === e.requestId && !x.result ? { ...x, streamed: x.streamed + e.text } : x)) });
  });
  const update = (id: string, patch: Partial<ChatEntry>): void => set({ entries: get().entries.map((x) => (x.id === id ? { ...x, ...patch } : x)) });
  return {
    entries: [],
    busy: false,
    conversationId: null,
    conversations: [],
    ask: async (question, reading) => {
      const id = `q${Date.now()}-${++seq}`;
      set({ busy: true, entries: [...get().entries, { id, question, streamed: '', result: null, error: null, stage: null }] });
      try {
        const result = await call('chat.ask', { question, requestId: id, conversationId: get().conversationId, ...(reading ? { reading } : {}) });
        update(id, { result });
        set({ conversationId: result.conversationId ?? null });
        void get().loadConversations();
      } catch (error) {
        update(id, { error: error instanceof Error ? error.message : String(error) });
      } finally {
        set({ busy: false });
      }
    },
    loadConversations: async () => {
      try {
        set({ conversations: await call('chat.conversations', {}) });
      } catch {
        // The list is a convenience: the chat itself works without it.
      }
    },
    open: async (conversationId) => {
      const c = await call('chat.conversation', { id: conversationId });
      if (!c) return get().loadConversations();
      set({
        conversationId,
        entries: c.turns.map((turn, i) => ({
          id: `${conversationId}-${i}`,
          question: turn.question,
          streamed: '',
          result: turn.result,
          error: null,
          stage: null,
        })),
      });
    },
    startNew: () => set({ conversationId: null, entries: [] }),
    stop: async () => {
      const running = get().entries.find((x) => !x.result && !x.error);
      if (running) await call('chat.cancel', { requestId: running.id }).catch(() => undefined);
    },
    remove: async (conversationId) => {
      set({ conversations: await call('chat.deleteConversation', { id: conversationId }) });
      if (get().conversationId === conversationId) set({ conversationId: null, entries: [] });
    },
  };
});
