import { create } from 'zustand';
import type { AskResult, IntentType } from '../../../main/api/assistantTypes';
import { call, onEvent } from '../api/genbaClient';

export interface ChatEntry {
  id: string;
  question: string;
  /** The answer as it streams in; replaced by the final answer when the result arrives. */
  streamed: string;
  result: AskResult | null;
  error: string | null;
}

interface ChatState {
  entries: ChatEntry[];
  busy: boolean;
  /** `intent`: the manager's pick from an ask-back between two intents. */
  ask(question: string, intent?: IntentType): Promise<void>;
}

let seq = 0;

/** The conversation lives here, so that it survives switching views. */
export const useChatStore = create<ChatState>((set, get) => {
  onEvent((e) => {
    if (e.type !== 'chat-chunk') return;
    set({ entries: get().entries.map((x) => (x.id === e.requestId && !x.result ? { ...x, streamed: x.streamed + e.text } : x)) });
  });
  const update = (id: string, patch: Partial<ChatEntry>): void => set({ entries: get().entries.map((x) => (x.id === id ? { ...x, ...patch } : x)) });
  return {
    entries: [],
    busy: false,
    ask: async (question, intent) => {
      const id = `q${Date.now()}-${++seq}`;
      set({ busy: true, entries: [...get().entries, { id, question, streamed: '', result: null, error: null }] });
      try {
        update(id, { result: await call('chat.ask', { question, requestId: id, ...(intent ? { intent } : {}) }) });
      } catch (error) {
        update(id, { error: error instanceof Error ? error.message : String(error) });
      } finally {
        set({ busy: false });
      }
    },
  };
});
