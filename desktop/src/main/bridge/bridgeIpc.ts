import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import {
  DESKTOP_BRIDGE_CHANNEL,
  createDesktopBridgeDispatcher,
  type DesktopBridgeHandlers,
} from '@orak/core';

// The IPC adapter: one channel, every message validated by the shared contract, only from our own pages.

export function serveDesktopBridge(
  handlers: DesktopBridgeHandlers,
  isTrustedUrl: (url: string) => boolean,
): void {
  const dispatch = createDesktopBridgeDispatcher(handlers);
  ipcMain.handle(DESKTOP_BRIDGE_CHANNEL, (event: IpcMainInvokeEvent, envelope: unknown) => {
    const url = event.senderFrame?.url ?? '';
    if (!isTrustedUrl(url)) {
      return { ok: false, error: { code: 'bad-request', message: `untrusted sender ${url}` } };
    }
    return dispatch(envelope);
  });
}
