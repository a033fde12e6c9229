import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { eventNames, methodNames, type EventName } from '@shared/contract';
import { IPC_CALL, IPC_EVENT, type CondoSyncApi } from '@shared/bridge';

// Generated from the contract: every method and nothing else.
const api: Record<string, unknown> = {};
for (const method of methodNames) {
  api[method] = (input?: unknown) => ipcRenderer.invoke(IPC_CALL, method, input);
}
api.on = (event: EventName, listener: (payload: unknown) => void) => {
  if (!eventNames.includes(event)) throw new Error(`Unknown event "${String(event)}".`);
  const wrapped = (_e: IpcRendererEvent, name: EventName, payload: unknown) => {
    if (name === event) listener(payload);
  };
  ipcRenderer.on(IPC_EVENT, wrapped);
  return () => ipcRenderer.removeListener(IPC_EVENT, wrapped);
};

contextBridge.exposeInMainWorld('condoSync', api as CondoSyncApi);
