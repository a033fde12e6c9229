import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_CALL, IPC_EVENT, type Envelope } from '@shared/bridge';
import { toErrorBody } from '@shared/errors';
import type { EventBus } from '../core/events';

/**
 * The IPC adapter of the contract, generated from it: one channel, the method
 * name as its first argument, validated by the same dispatch as HTTP.
 * `isTrusted` sees the whole event (sender and `senderFrame`), and is asked
 * before any contract code runs. `call` is the desktop's entry
 * (office/desktop-call.ts): the local core or the office server behind it.
 */
export function registerIpc(call: (method: string, input: unknown) => Promise<unknown>, isTrusted: (event: IpcMainInvokeEvent) => boolean): () => void {
  ipcMain.handle(IPC_CALL, async (event, method: unknown, input: unknown): Promise<Envelope<unknown>> => {
    if (!isTrusted(event)) return { ok: false, error: { code: 'forbidden', message: 'This window may not call Condo Sync.' } };
    try {
      return { ok: true, result: (await call(String(method), input)) ?? null };
    } catch (err) {
      return { ok: false, error: toErrorBody(err) };
    }
  });
  return () => ipcMain.removeHandler(IPC_CALL);
}

export function forwardEvents(events: EventBus, target: () => WebContents | undefined): () => void {
  return events.subscribe((name, payload) => {
    const wc = target();
    if (wc && !wc.isDestroyed()) wc.send(IPC_EVENT, name, payload);
  });
}
