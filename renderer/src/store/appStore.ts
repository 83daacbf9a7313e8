import { create } from 'zustand';
import type { GenbaEvent, Lang, Overview, StatusInfo } from '../../../main/api/types';
import { call } from '../api/genbaClient';

export const VIEWS = ['overview', 'chat', 'alerts', 'logs', 'approvals', 'knowledge', 'settings'] as const;
export type ViewId = (typeof VIEWS)[number];

interface AppState {
  view: ViewId;
  lang: Lang;
  status: StatusInfo | null;
  overview: Overview | null;
  progress: { task: string; done: number; total: number; table?: string } | null;
  error: string | null;
  setView(view: ViewId): void;
  refresh(): Promise<void>;
  setLang(lang: Lang): Promise<void>;
  resetDemo(): Promise<number>;
  syncNow(): Promise<void>;
  handleEvent(event: GenbaEvent): void;
}

export const useAppStore = create<AppState>((set, get) => {
  /** Runs a core call; a failure shows the core's own message (already in the manager's language). */
  const guarded = async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    try {
      const value = await work();
      set({ error: null });
      return value;
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  };
  return {
    view: 'overview',
    lang: 'ja',
    status: null,
    overview: null,
    progress: null,
    error: null,
    setView: (view) => set({ view }),
    refresh: async () => {
      await guarded(async () => {
        const [settings, status, overview] = await Promise.all([
          call('settings.get', {}), call('status.get', {}), call('overview.get', {}),
        ]);
        set({ lang: settings.lang, status, overview });
      });
    },
    setLang: async (lang) => {
      await guarded(async () => set({ lang: (await call('settings.update', { lang })).lang }));
    },
    resetDemo: async () => {
      const result = await guarded(() => call('demo.reset', {}));
      await get().refresh();
      return result?.elapsedMs ?? 0;
    },
    syncNow: async () => {
      await guarded(() => call('sync.now', {}));
      await get().refresh();
    },
    handleEvent: (event) => {
      if (event.type === 'progress') set({ progress: event.done >= event.total ? null : event });
      else if (event.type === 'data-changed' || event.type === 'sync-finished') {
        set({ progress: null });
        void get().refresh();
      }
      else if (event.type === 'settings-changed') set({ lang: event.settings.lang });
    },
  };
});
