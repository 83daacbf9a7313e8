import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNEL_NAMES, EVENT_IPC_CHANNEL, ipcChannel, type Channel } from '../main/api/channelNames.js';
import type { GenbaBridge } from '../main/api/contract.js';
import type { GenbaEvent } from '../main/api/types.js';

// Only the contract's channels and the event subscription cross into the page: never ipcRenderer itself.
const bridge: GenbaBridge = {
  invoke(channel, request) {
    if (!(CHANNEL_NAMES as readonly string[]).includes(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: String(channel) } });
    }
    return ipcRenderer.invoke(ipcChannel(channel as Channel), request);
  },
  onEvent(listener) {
    const wrapped = (_event: IpcRendererEvent, payload: GenbaEvent): void => listener(payload);
    ipcRenderer.on(EVENT_IPC_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_IPC_CHANNEL, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('genba', bridge);
