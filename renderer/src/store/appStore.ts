import { create } from 'zustand';
import type { GenbaEvent, Lang, Overview, Settings, StatusInfo } from '../../../main/api/types';
import type { LatinNames } from '../../../main/api/latinNames';
import { call } from '../api/genbaClient';
import type { ConsultRequest } from '../../../main/api/consultReading';
import { decisionHolds } from '../../../main/api/floorDecision';

export const VIEWS = ['overview', 'plan', 'chat', 'alerts', 'logs', 'approvals', 'knowledge', 'settings'] as const;
export type ViewId = (typeof VIEWS)[number];

interface AppState {
  view: ViewId;
  lang: Lang;
  /** Who decisions are recorded as (Settings → approver); null until the settings are read. */
  approver: Settings['approver'] | null;
  status: StatusInfo | null;
  overview: Overview | null;
  /** The company's names in Latin letters (useName): read with the overview, so names made later reach the screens. */
  latinNames: LatinNames;
  progress: { task: string; done: number; total: number; table?: string } | null;
  alertCount: number;
  /** The alert to show when the Alerts view opens (a clicked notification). */
  selectedAlertId: number | null;
  /** A request carried from an alert or the 要対応 strip to the chat, which asks it at once (its reading as it is). */
  chatRequest: ConsultRequest | null;
  /** The filter the Logs view opens with (an incident's "show its messages"); null once taken. */
  logsFilter: { service?: string; host?: string; hours?: number } | null;
  showLogs(filter: { service?: string; host?: string; hours?: number } | null): void;
  /** The know-how document to show when the Knowledge view opens (a clicked citation). */
  selectedDocId: number | null;
  openAlert(id: number | null): void;
  /** Opens the chat and asks `request` there, in a new conversation (null: the chat has taken it). */
  consult(request: ConsultRequest | null): void;
  showKnowledge(docId: number | null): void;
  error: string | null;
  setView(view: ViewId): void;
  refresh(): Promise<void>;
  setLang(lang: Lang): Promise<void>;
  /** Saves the approver's name (null: this machine's account); false when the core refused it. */
  setApproverName(name: string | null): Promise<boolean>;
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
    approver: null,
    status: null,
    overview: null,
    latinNames: {},
    progress: null,
    alertCount: 0,
    selectedAlertId: null,
    chatRequest: null,
    selectedDocId: null,
    logsFilter: null,
    error: null,
    setView: (view) => set({ view }),
    openAlert: (id) => set({ view: 'alerts', selectedAlertId: id }),
    consult: (request) => set(request === null ? { chatRequest: null } : { view: 'chat', chatRequest: request }),
    showLogs: (filter) => set(filter === null ? { logsFilter: null } : { view: 'logs', logsFilter: filter }),
    showKnowledge: (docId) => set(docId === null ? { selectedDocId: null } : { view: 'knowledge', selectedDocId: docId }),
    refresh: async () => {
      await guarded(async () => {
        const [settings, status, overview, open, latinNames] = await Promise.all([
          call('settings.get', {}),
          call('status.get', {}),
          call('overview.get', {}),
          call('alerts.list', { status: 'open' }),
          call('names.latin', {}),
        ]);
        set({
          lang: settings.lang,
          approver: settings.approver,
          status,
          overview,
          alertCount: open.filter((a) => !decisionHolds(a.decision)).length,
          latinNames,
        });
      });
    },
    setLang: async (lang) => {
      await guarded(async () => set({ lang: (await call('settings.update', { lang })).lang }));
    },
    setApproverName: async (approverName) => {
      const saved = await guarded(async () => {
        set({ approver: (await call('settings.update', { approverName })).approver });
        return true;
      });
      return saved === true;
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
      } else if (event.type === 'settings-changed') set({ lang: event.settings.lang, approver: event.settings.approver });
      else if (event.type === 'alerts-changed' || event.type === 'alert') set({ alertCount: event.openCount });
      else if (event.type === 'open-alert') set({ view: 'alerts', selectedAlertId: event.id });
    },
  };
});
